package org.observatory.registry.fields;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.observatory.registry.common.RegistryConfig;

/**
 * The crawled field settings from configuration, checked at start (a typo in a chart type fails the start
 * instead of a chart), and what they do to a value.
 */
@ApplicationScoped
public class FieldSettings {

    /** Names a client may use in filters and sorts; the name still travels as a bound parameter. */
    public static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z0-9_.:@-]{1,100}");

    private static final Set<FieldSetting.Aggregation> VALUE_AGGREGATIONS = Set.of(FieldSetting.Aggregation.NONE,
            FieldSetting.Aggregation.SUM, FieldSetting.Aggregation.AVG, FieldSetting.Aggregation.MIN,
            FieldSetting.Aggregation.MAX);

    private final Map<String, FieldSetting> configured;

    @jakarta.inject.Inject
    public FieldSettings(RegistryConfig config) {
        this(read(config.fields()));
    }

    public FieldSettings(Map<String, FieldSetting> configured) {
        this.configured = Map.copyOf(configured);
    }

    static Map<String, FieldSetting> read(Map<String, RegistryConfig.FieldSetting> fields) {
        Map<String, FieldSetting> settings = new TreeMap<>();
        fields.forEach((name, field) -> {
            FieldSetting.Aggregation aggregation = parse(FieldSetting.Aggregation.class, name, "aggregation", field.aggregation());
            FieldSetting.Aggregation chartAggregation = parse(FieldSetting.Aggregation.class, name, "chart-aggregation",
                    field.chartAggregation());
            if (!VALUE_AGGREGATIONS.contains(aggregation)) {
                throw new IllegalStateException("registry.fields." + name + ".aggregation must be sum, avg, min, max or none");
            }
            if (chartAggregation == FieldSetting.Aggregation.NONE) {
                throw new IllegalStateException("registry.fields." + name + ".chart-aggregation must be count, sum, avg, min or max");
            }
            settings.put(name, new FieldSetting(name, field.label().orElse(FieldSetting.defaultLabel(name)), field.chart(),
                    parse(FieldSetting.ChartType.class, name, "chart-type", field.chartType()), aggregation,
                    chartAggregation, field.chartAggregateBy(), field.hidden()));
        });
        return settings;
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String field, String key, String value) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("registry.fields." + field + "." + key + " has an unknown value: " + value);
        }
    }

    public FieldSetting of(String name) {
        FieldSetting setting = configured.get(name);
        return setting != null ? setting : FieldSetting.defaults(name);
    }

    public boolean isHidden(String name) {
        return of(name).hidden();
    }

    /** The charted, visible fields, by name. */
    public List<FieldSetting> charted() {
        return configured.values().stream().filter(s -> s.chart() && !s.hidden())
                .sorted(java.util.Comparator.comparing(FieldSetting::name)).toList();
    }

    /** The visible crawled fields of one instance, each with its label and its value as configured. */
    public List<ShownField> shown(JsonObject crawled) {
        List<ShownField> shown = new ArrayList<>();
        for (String name : new TreeMap<>(crawled.getMap()).keySet()) {
            FieldSetting setting = of(name);
            if (!setting.hidden()) {
                shown.add(new ShownField(name, setting.label(), value(setting, crawled.getValue(name))));
            }
        }
        return shown;
    }

    /** The visible fields as a name-to-value map (for listings). */
    public Map<String, Object> shownValues(JsonObject crawled) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (ShownField field : shown(crawled)) {
            values.put(field.name(), field.value());
        }
        return values;
    }

    /** A field's value after its aggregation: a list or object of numbers becomes one number. */
    public Object value(FieldSetting setting, Object raw) {
        if (setting.aggregation() == FieldSetting.Aggregation.NONE || raw == null) {
            return plain(raw);
        }
        Collection<?> members;
        if (raw instanceof JsonArray array) {
            members = array.getList();
        } else if (raw instanceof JsonObject object) {
            members = object.getMap().values();
        } else {
            return plain(raw);
        }
        List<Double> numbers = members.stream().filter(Number.class::isInstance)
                .map(n -> ((Number) n).doubleValue()).toList();
        return aggregate(setting.aggregation(), numbers);
    }

    /** sum, avg, min or max of {@code numbers}; null for none of them. */
    public static Double aggregate(FieldSetting.Aggregation aggregation, List<Double> numbers) {
        if (numbers.isEmpty()) {
            return null;
        }
        var stats = numbers.stream().mapToDouble(Double::doubleValue).summaryStatistics();
        return switch (aggregation) {
            case SUM -> stats.getSum();
            case AVG -> stats.getAverage();
            case MIN -> stats.getMin();
            case MAX -> stats.getMax();
            case COUNT -> (double) stats.getCount();
            case NONE -> null;
        };
    }

    private static Object plain(Object raw) {
        if (raw instanceof JsonObject object) {
            return object.getMap();
        }
        if (raw instanceof JsonArray array) {
            return array.getList();
        }
        return raw;
    }

    /** One crawled field as shown: its name, label and value. */
    public record ShownField(String name, String label, Object value) {
    }
}
