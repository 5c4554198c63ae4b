package org.observatory.ixp.peeringdb;

import io.smallrye.faulttolerance.api.CustomBackoffStrategy;

/**
 * The retry's delay is the one the failed attempt carries (Retry-After or exponential, see {@link BackOff}); Fault
 * Tolerance's own {@code delay} only for failures that carry none (an attempt that timed out).
 */
public class RetryAfterBackoff implements CustomBackoffStrategy {

    private long initialDelay;

    @Override
    public void init(long initialDelayInMillis) {
        this.initialDelay = initialDelayInMillis;
    }

    @Override
    public long nextDelayInMillis(Throwable failure) {
        return failure instanceof PeeringDbBusyException busy ? busy.delay().toMillis() : initialDelay;
    }
}
