package org.observatory.perfarchive.common;

import java.util.regex.Pattern;
import org.observatory.common.problem.ProblemException;

/**
 * Numbers written in query parameters and JSON text. The text is checked against a pattern before it is parsed,
 * so that a malformed number is a 400 problem naming its field, decided without a caught exception.
 */
public final class Numerals {

    /** At most 18 digits: every such number fits a long. */
    private static final Pattern WHOLE = Pattern.compile("[+-]?[0-9]{1,18}");
    /** What esmond's clients send for seconds: 1700000000, 1700000000.25, 1.7e9. */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]{1,18}(\\.[0-9]*)?|\\.[0-9]{1,18})([eE][+-]?[0-9]{1,3})?");

    private Numerals() {
    }

    /** The whole number written in {@code text}, null for null or blank text; a 400 problem for anything else. */
    public static Long whole(String text, String field, String problem) {
        String number = matched(text, WHOLE, field, problem);
        return number == null ? null : Long.parseLong(number);
    }

    /** Like {@link #whole}, for an int: a 400 problem when the number does not fit. */
    public static Integer wholeInt(String text, String field, String problem) {
        Long value = whole(text, field, problem);
        if (value != null && (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE)) {
            throw ProblemException.invalidField(field, "is out of range");
        }
        return value == null ? null : value.intValue();
    }

    /** The decimal number written in {@code text}, null for null or blank text; a 400 problem for anything else. */
    public static Double decimal(String text, String field, String problem) {
        String number = matched(text, DECIMAL, field, problem);
        return number == null ? null : Double.parseDouble(number);
    }

    /** The trimmed text when it matches, null for null or blank text; a 400 problem for anything else. */
    private static String matched(String text, Pattern pattern, String field, String problem) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String trimmed = text.trim();
        if (!pattern.matcher(trimmed).matches()) {
            throw ProblemException.invalidField(field, problem);
        }
        return trimmed;
    }
}
