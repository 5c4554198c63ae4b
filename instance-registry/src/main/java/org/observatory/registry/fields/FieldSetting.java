package org.observatory.registry.fields;

import java.util.Locale;

/**
 * How one crawled field is shown and charted.
 *
 * @param aggregation      turns a list or object value into one number (sum, avg, min, max) or leaves it (none)
 * @param chartAggregation count (instances per value) or sum/avg/min/max of the value per group
 * @param chartAggregateBy the group of a sum/avg/min/max chart: {@code country} or another field
 */
public record FieldSetting(String name, String label, boolean chart, ChartType chartType, Aggregation aggregation,
        Aggregation chartAggregation, String chartAggregateBy, boolean hidden) {

    public enum ChartType { BAR, LINE, PIE }

    public enum Aggregation { NONE, COUNT, SUM, AVG, MIN, MAX }

    public static final String COUNTRY = "country";

    /** The setting of a field nobody configured: shown, not charted, labelled after its name. */
    public static FieldSetting defaults(String name) {
        return new FieldSetting(name, defaultLabel(name), false, ChartType.BAR, Aggregation.NONE, Aggregation.COUNT,
                COUNTRY, false);
    }

    /** {@code python_version} becomes {@code Python version}. */
    public static String defaultLabel(String name) {
        String spaced = name.replace('_', ' ').replace('-', ' ').trim();
        if (spaced.isEmpty()) {
            return name;
        }
        return spaced.substring(0, 1).toUpperCase(Locale.ROOT) + spaced.substring(1);
    }

    public String chartTypeName() {
        return chartType.name().toLowerCase(Locale.ROOT);
    }

    public String chartAggregationName() {
        return chartAggregation.name().toLowerCase(Locale.ROOT);
    }
}
