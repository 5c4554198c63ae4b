package org.observatory.registry.stats;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.observatory.registry.fields.FieldSetting;
import org.observatory.registry.fields.FieldSettings;

/**
 * Turns the crawled fields of the enabled instances into one series per charted field:
 * {@code count} counts instances per value of the field (aggregate-by does not apply); {@code sum},
 * {@code avg}, {@code min}, {@code max} reduce the field's numeric values per group, where the group is the
 * instance's country or its value of another field. Instances without the field (or without a number for a
 * numeric chart) are left out; instances without a country or group value fall under {@code unknown}.
 */
public final class FieldSeriesCalculator {

    /** What the calculator needs of one instance. */
    public record InstanceFields(String countryCode, JsonObject crawled) {
    }

    static final String UNKNOWN = "unknown";

    private final FieldSettings settings;

    public FieldSeriesCalculator(FieldSettings settings) {
        this.settings = settings;
    }

    public List<Statistics.FieldSeries> all(List<InstanceFields> instances) {
        return settings.charted().stream().map(setting -> series(setting, instances)).toList();
    }

    public Statistics.FieldSeries series(FieldSetting setting, List<InstanceFields> instances) {
        boolean count = setting.chartAggregation() == FieldSetting.Aggregation.COUNT;
        Map<String, List<Double>> groups = new TreeMap<>();
        for (InstanceFields instance : instances) {
            if (!instance.crawled().containsKey(setting.name())) {
                continue;
            }
            Object value = settings.value(setting, instance.crawled().getValue(setting.name()));
            if (value == null) {
                continue;
            }
            if (count) {
                groups.computeIfAbsent(key(value), k -> new ArrayList<>()).add(1.0);
            } else if (value instanceof Number number) {
                groups.computeIfAbsent(group(setting, instance), k -> new ArrayList<>()).add(number.doubleValue());
            }
        }
        Map<String, Double> reduced = new LinkedHashMap<>();
        groups.forEach((key, numbers) -> reduced.put(key, FieldSettings.aggregate(
                count ? FieldSetting.Aggregation.SUM : setting.chartAggregation(), numbers)));
        List<Statistics.Point> points = reduced.entrySet().stream()
                .map(e -> new Statistics.Point(e.getKey(), e.getValue()))
                .sorted(count ? Comparator.comparingDouble(Statistics.Point::value).reversed()
                        .thenComparing(Statistics.Point::key) : Comparator.comparing(Statistics.Point::key))
                .toList();
        return new Statistics.FieldSeries(setting.name(), setting.label(), setting.chartTypeName(),
                setting.chartAggregationName(), count ? null : setting.chartAggregateBy(), points);
    }

    private String group(FieldSetting setting, InstanceFields instance) {
        String by = setting.chartAggregateBy();
        if (FieldSetting.COUNTRY.equals(by)) {
            return instance.countryCode() == null ? UNKNOWN : instance.countryCode();
        }
        Object value = instance.crawled().getValue(by);
        if (value == null || settings.isHidden(by)) {
            return UNKNOWN;
        }
        return key(settings.value(settings.of(by), value));
    }

    /** A value as a chart key: text as is, whole numbers without a decimal point, the rest as JSON. */
    static String key(Object value) {
        if (value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
            return String.valueOf(d.longValue());
        }
        if (value instanceof Map<?, ?> map) {
            return new JsonObject(new LinkedHashMap<>(castMap(map))).encode();
        }
        if (value instanceof List<?> list) {
            return new JsonArray(new ArrayList<>(list)).encode();
        }
        return String.valueOf(value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
