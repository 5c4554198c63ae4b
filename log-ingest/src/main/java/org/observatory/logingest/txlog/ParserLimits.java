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
 * @param maxUnusableLines blank or rejected lines tolerated in one log before it is refused whole
 *                        ({@link TxLogParser.TooManyUnusableLines}): they cost parsing and store nothing
 * @param retainedFrom    oldest log time accepted because raw rows older than this (the retention horizon plus a
 *                        margin) would be dropped before any rollup saw them; never before {@code earliest}
 */
public record ParserLimits(Instant earliest, Instant latest, long maxBytesPerLine, int maxLineLength, Instant retainedFrom,
                           long maxUnusableLines) {

    /** Ringserver's first releases are from 2007; a day of clock skew is tolerated; no retention horizon. */
    public static ParserLimits at(Instant now) {
        Instant earliest = Instant.parse("2000-01-01T00:00:00Z");
        return new ParserLimits(earliest, now.plus(Duration.ofDays(1)), 1_000_000_000_000L, 64 * 1024, earliest,
                1_000_000);
    }

    /** The same limits with log times accepted in {@code [retainedFrom, latest]}. */
    public ParserLimits within(Instant retainedFrom, Instant latest) {
        return new ParserLimits(earliest, latest, maxBytesPerLine, maxLineLength,
                retainedFrom.isAfter(earliest) ? retainedFrom : earliest, maxUnusableLines);
    }

    /** The same limits with another bound on blank or rejected lines. */
    public ParserLimits withMaxUnusableLines(long bound) {
        return new ParserLimits(earliest, latest, maxBytesPerLine, maxLineLength, retainedFrom, bound);
    }
}
