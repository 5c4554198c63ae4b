package org.observatory.logingest.rollup;

import java.time.Duration;
import java.util.Locale;
import org.observatory.common.problem.ProblemException;

/** Rollup resolutions, each with its table and the longest time range one query may span. */
public enum Resolution {
    HOUR("log_rollup_hour", Duration.ofDays(93), Duration.ofDays(2)),
    DAY("log_rollup_day", Duration.ofDays(3_700), Duration.ofDays(31)),
    MONTH("log_rollup_month", Duration.ofDays(36_600), Duration.ofDays(730));

    private final String table;
    private final Duration maxRange;
    private final Duration defaultRange;

    Resolution(String table, Duration maxRange, Duration defaultRange) {
        this.table = table;
        this.maxRange = maxRange;
        this.defaultRange = defaultRange;
    }

    public String table() {
        return table;
    }

    public Duration maxRange() {
        return maxRange;
    }

    public Duration defaultRange() {
        return defaultRange;
    }

    public static Resolution parse(String text) {
        if (text == null || text.isBlank()) {
            return DAY;
        }
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("resolution", "must be hour, day or month");
        }
    }
}
