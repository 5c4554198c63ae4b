package org.observatory.perfarchive.common;

import java.time.Instant;
import org.observatory.common.problem.ProblemException;

/**
 * esmond's time parameters in UNIX seconds: {@code time} (exact), {@code time-start}, {@code time-end},
 * {@code time-range} (with a start: start + range; with an end: end - range; alone: the last range seconds).
 * Both bounds are inclusive; null means open.
 */
public record TimeRange(Long start, Long end) {

    public static final TimeRange ALL = new TimeRange(null, null);

    /** The range the four parameters describe, as written in the query (null when absent). */
    public static TimeRange of(String timeText, String startText, String endText, String rangeText) {
        Long time = seconds(timeText, "time");
        Long start = seconds(startText, "time-start");
        Long end = seconds(endText, "time-end");
        Long range = seconds(rangeText, "time-range");
        if (time != null) {
            return new TimeRange(time, time);
        }
        if (range != null) {
            if (start != null && end == null) {
                end = start + range;
            } else if (end != null && start == null) {
                start = end - range;
            } else if (start == null) {
                end = Instant.now().getEpochSecond();
                start = end - range;
            }
        }
        if (start != null && end != null && start > end) {
            throw ProblemException.invalidField("time-start", "must not be after time-end");
        }
        return new TimeRange(start, end);
    }

    public boolean isAll() {
        return start == null && end == null;
    }

    private static Long seconds(String value, String name) {
        Double written = Numerals.decimal(value, name, "must be UNIX seconds");
        if (written == null) {
            return null;
        }
        long seconds = written.longValue();
        if (seconds < 0 || seconds > 253_402_300_799L) {
            throw ProblemException.invalidField(name, "is out of range");
        }
        return seconds;
    }
}
