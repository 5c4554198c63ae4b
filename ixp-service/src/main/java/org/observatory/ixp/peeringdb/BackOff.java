package org.observatory.ixp.peeringdb;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * How long to wait before asking PeeringDB again: what its {@code Retry-After} says (seconds or an HTTP date),
 * else {@code first} doubled per earlier attempt; never more than {@code max}.
 */
public record BackOff(Duration first, Duration max) {

    /** The wait after failed attempt number {@code attempt} (1 for the first request). */
    public Duration after(int attempt, String retryAfter, Instant now) {
        Duration wait = retryAfter(retryAfter, now);
        if (wait == null) {
            wait = first.multipliedBy(1L << Math.min(Math.max(attempt - 1, 0), 20));
        }
        return wait.compareTo(max) > 0 ? max : wait;
    }

    private static Duration retryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(text)));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(now, ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException neither) {
                return null;
            }
        }
    }
}
