package org.observatory.ixp.peeringdb;

import java.time.Duration;

/**
 * PeeringDB answered 429 or 5xx, or could not be reached: worth asking again after {@code delay} (its
 * Retry-After, or the back-off), which {@link RetryAfterBackoff} hands to Fault Tolerance's retry.
 */
public class PeeringDbBusyException extends RuntimeException {

    private final Duration delay;

    public PeeringDbBusyException(String answer, Duration delay) {
        super(answer, null, false, false);
        this.delay = delay;
    }

    public Duration delay() {
        return delay;
    }
}
