package org.observatory.registry.indico;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.observatory.registry.common.RegistryConfig;

/**
 * Open registration, but at most N registrations per client address per window (fixed windows, kept in
 * memory: each replica limits on its own, which bounds the total at N times the replicas).
 */
@ApplicationScoped
public class RegistrationRateLimiter {

    private static final int MAX_TRACKED = 100_000;

    private record Window(long start, int count) {
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final int limit;
    private final long windowMillis;
    private final Clock clock = Clock.systemUTC();

    public RegistrationRateLimiter(RegistryConfig config) {
        this.limit = config.api().registrationsPerWindow();
        this.windowMillis = config.api().registrationWindow().toMillis();
    }

    /** Counts one registration from {@code address}; throws 429 when the address used up its window. */
    public void acquire(String address) {
        long now = clock.millis();
        if (windows.size() > MAX_TRACKED) {
            windows.values().removeIf(w -> now - w.start() >= windowMillis);
        }
        Window window = windows.compute(address, (key, w) -> w == null || now - w.start() >= windowMillis
                ? new Window(now, 1) : new Window(w.start(), w.count() + 1));
        if (window.count() > limit) {
            long retryAfter = Duration.ofMillis(window.start() + windowMillis - now).toSeconds() + 1;
            throw IndicoApiException.tooManyRequests(retryAfter);
        }
    }
}
