package org.observatory.ixp.common;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.observatory.common.problem.ProblemException;

/** Month parameters ({@code 2024-05}) as the first day of the month, the service's month key. */
public final class Months {

    /** The longest range a statistics request may span. */
    public static final int MAX_RANGE_MONTHS = 240;

    /** The earliest month any source has data for. */
    public static final YearMonth EARLIEST = YearMonth.of(1990, 1);

    private Months() {
    }

    public static LocalDate parse(String field, String text) {
        if (text == null || text.isBlank()) {
            throw ProblemException.invalidField(field, "required, as YYYY-MM");
        }
        YearMonth month;
        try {
            month = YearMonth.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(field, "'" + text + "' is not a month (YYYY-MM)");
        }
        // IXP data starts in the 1990s; a month far outside would only make work (or overflow dates).
        YearMonth latest = YearMonth.now().plusYears(1);
        if (month.isBefore(EARLIEST) || month.isAfter(latest)) {
            throw ProblemException.invalidField(field, "must be between " + EARLIEST + " and " + latest);
        }
        return month.atDay(1);
    }

    /** The months of {@code month}, or of {@code from}..{@code to} inclusive. */
    public static List<LocalDate> range(String month, String from, String to) {
        if (month != null && (from != null || to != null)) {
            throw ProblemException.badRequest("give either month or from and to, not both");
        }
        if (month != null) {
            return List.of(parse("month", month));
        }
        LocalDate start = parse("from", from);
        LocalDate end = parse("to", to);
        if (end.isBefore(start)) {
            throw ProblemException.invalidField("to", "must not be before from");
        }
        List<LocalDate> months = new ArrayList<>();
        for (LocalDate m = start; !m.isAfter(end); m = m.plusMonths(1)) {
            if (months.size() == MAX_RANGE_MONTHS) {
                throw ProblemException.invalidField("to", "a range spans at most " + MAX_RANGE_MONTHS + " months");
            }
            months.add(m);
        }
        return months;
    }
}
