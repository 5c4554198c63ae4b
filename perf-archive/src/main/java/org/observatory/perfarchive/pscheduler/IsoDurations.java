package org.observatory.perfarchive.pscheduler;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.observatory.common.problem.ProblemException;

/** pScheduler's ISO 8601 durations (PT15S, PT0.000333S, P1DT2H, P1W) in seconds, as its iso8601_as_timedelta. */
final class IsoDurations {

    private static final Pattern WEEKS = Pattern.compile("P(\\d+(?:\\.\\d+)?)W");

    private IsoDurations() {
    }

    static double seconds(String text, String field) {
        String t = text.trim();
        Matcher weeks = WEEKS.matcher(t);
        if (weeks.matches()) {
            return Double.parseDouble(weeks.group(1)) * 7 * 86400;
        }
        try {
            Duration d = Duration.parse(t);
            // As Python's timedelta.total_seconds(): whole microseconds, divided once.
            return (d.getSeconds() * 1_000_000 + d.getNano() / 1000) / 1e6;
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(field, "must be an ISO 8601 duration such as PT15S");
        }
    }
}
