package org.observatory.ixp.peeringdb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BackOffTest {

    private static final BackOff BACK_OFF = new BackOff(Duration.ofSeconds(5), Duration.ofMinutes(2));
    private static final Instant NOW = Instant.parse("2026-03-16T10:00:00Z");

    @Test
    void doublesTheFirstDelayPerFailedAttemptWithoutRetryAfter() {
        assertEquals(Duration.ofSeconds(5), BACK_OFF.after(1, null, NOW));
        assertEquals(Duration.ofSeconds(10), BACK_OFF.after(2, null, NOW));
        assertEquals(Duration.ofSeconds(40), BACK_OFF.after(4, " ", NOW));
    }

    @Test
    void retryAfterInSecondsWinsOverTheExponentialDelay() {
        assertEquals(Duration.ofSeconds(1), BACK_OFF.after(4, "1", NOW));
        assertEquals(Duration.ofSeconds(90), BACK_OFF.after(1, " 90 ", NOW));
    }

    @Test
    void retryAfterAsAnHttpDateWaitsUntilThen() {
        assertEquals(Duration.ofSeconds(30), BACK_OFF.after(1, "Mon, 16 Mar 2026 10:00:30 GMT", NOW));
        assertEquals(Duration.ZERO, BACK_OFF.after(1, "Mon, 16 Mar 2026 09:59:00 GMT", NOW));
    }

    @Test
    void neverWaitsLongerThanTheMaximum() {
        assertEquals(Duration.ofMinutes(2), BACK_OFF.after(1, "3600", NOW));
        assertEquals(Duration.ofMinutes(2), BACK_OFF.after(30, null, NOW));
    }

    @Test
    void unreadableRetryAfterFallsBackToTheExponentialDelay() {
        assertEquals(Duration.ofSeconds(10), BACK_OFF.after(2, "soon", NOW));
    }
}
