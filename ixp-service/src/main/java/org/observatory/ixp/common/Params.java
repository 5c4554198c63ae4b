package org.observatory.ixp.common;

import java.util.Locale;
import java.util.Set;
import org.observatory.common.problem.ProblemException;

/** Checks of query parameters shared by the resources. */
public final class Params {

    private static final Set<String> ISO_COUNTRIES = Set.of(Locale.getISOCountries());

    private Params() {
    }

    /** An ISO 3166 alpha-2 code (any case), upper-cased; null stays null. */
    public static String country(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String code = value.strip().toUpperCase(Locale.ROOT);
        if (!ISO_COUNTRIES.contains(code)) {
            throw ProblemException.invalidField("country", "'" + value + "' is not an ISO 3166 alpha-2 code");
        }
        return code;
    }

    /** A yes/no parameter: {@code true} or {@code false} (any case); absent is {@code false}; anything else a 400. */
    public static boolean flag(String name, String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ProblemException.invalidField(name, "must be true or false");
        };
    }

    /** True when the client asked for CSV, by {@code format=csv} or by {@code Accept: text/csv}. */
    public static boolean wantsCsv(String format, String accept) {
        if (format != null && !format.isBlank()) {
            String f = format.strip().toLowerCase(Locale.ROOT);
            if (!f.equals("csv") && !f.equals("json")) {
                throw ProblemException.invalidField("format", "must be json or csv");
            }
            return f.equals("csv");
        }
        return accept != null && accept.contains("text/csv") && !accept.contains("application/json");
    }
}
