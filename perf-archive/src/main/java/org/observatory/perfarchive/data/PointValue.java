package org.observatory.perfarchive.data;

import java.util.Map;

/**
 * One validated value, in the columns it is stored in: exactly one of the groups is set for a data type.
 *
 * @param integer     integer types
 * @param real        float types
 * @param numerator   percentage types, with {@code denominator}
 * @param denominator percentage types, always > 0
 * @param json        histogram, subinterval and json types: the normalised JSON text
 * @param histogram   histogram types: bucket -> count, for summaries
 */
public record PointValue(Long integer, Double real, Long numerator, Long denominator, String json,
                         Map<String, Long> histogram) {

    public static PointValue ofInteger(long value) {
        return new PointValue(value, null, null, null, null, null);
    }

    public static PointValue ofReal(double value) {
        return new PointValue(null, value, null, null, null, null);
    }

    public static PointValue ofPercentage(long numerator, long denominator) {
        return new PointValue(null, null, numerator, denominator, null, null);
    }

    public static PointValue ofJson(String json) {
        return new PointValue(null, null, null, null, json, null);
    }

    public static PointValue ofHistogram(String json, Map<String, Long> histogram) {
        return new PointValue(null, null, null, null, json, histogram);
    }
}
