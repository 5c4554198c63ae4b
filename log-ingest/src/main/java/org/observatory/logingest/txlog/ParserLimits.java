package org.observatory.logingest.txlog;

import java.time.Duration;
import java.time.Instant;

/**
 * What the parser accepts as plausible. Values outside these bounds are rejected per line, so that a
 * corrupt log cannot create rows in 2099 or counters near {@link Long#MAX_VALUE}.
 *
 * @param earliest        oldest log or connect time accepted
 * @param latest          newest log time accepted (the caller's "now" plus a little clock skew)
 * @param maxBytesPerLine largest byte count one stream line may carry
 * @param maxLineLength   longest line read, in bytes; longer lines are rejected without being kept in memory
 */
public record ParserLimits(Instant earliest, Instant latest, long maxBytesPerLine, int maxLineLength) {

    /** Ringserver's first releases are from 2007; a day of clock skew is tolerated. */
    public static ParserLimits at(Instant now) {
        return new ParserLimits(Instant.parse("2000-01-01T00:00:00Z"), now.plus(Duration.ofDays(1)),
                1_000_000_000_000L, 64 * 1024);
    }
}
