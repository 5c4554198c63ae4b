package org.observatory.perfarchive.metadata;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.observatory.perfarchive.common.TimeRange;
import org.observatory.perfarchive.eventtype.SummaryType;

/**
 * A metadata search, resolved: exact subject fields, host fields as sets of acceptable values, series
 * conditions, free-form parameters (each with the spellings it may match), and a time range on the series' last update.
 */
public record MetadataFilter(Map<String, List<String>> hostFields, Map<String, String> exactFields,
                             String eventType, SummaryType summaryType, Long summaryWindow,
                             Map<String, List<String>> parameters, TimeRange updated) {

    /** The WHERE clause over {@code ps_metadata m}, with its arguments appended to {@code args}. */
    String where(List<Object> args) {
        List<String> conditions = new ArrayList<>();
        hostFields.forEach((column, values) -> {
            args.add(values.toArray(new String[0]));
            conditions.add("m." + column + " = ANY($" + args.size() + ")");
        });
        exactFields.forEach((column, value) -> {
            args.add(value);
            conditions.add("m." + column + " = $" + args.size());
        });
        parameters.forEach((name, spellings) -> {
            args.add(name);
            args.add(spellings.toArray(new String[0]));
            conditions.add("EXISTS (SELECT 1 FROM ps_metadata_parameter p WHERE p.metadata_id = m.id AND p.name = $"
                    + (args.size() - 1) + " AND p.value = ANY($" + args.size() + "))");
        });
        List<String> series = new ArrayList<>();
        if (eventType != null) {
            args.add(eventType);
            series.add("s.event_type = $" + args.size());
        }
        if (summaryType != null) {
            args.add(summaryType.json());
            series.add("s.summary_type = $" + args.size());
        }
        if (summaryWindow != null) {
            args.add(summaryWindow);
            series.add("s.summary_window = $" + args.size());
        }
        if (updated.start() != null) {
            args.add(updated.start());
            series.add("s.time_updated >= to_timestamp($" + args.size() + ")");
        }
        if (updated.end() != null) {
            args.add(updated.end());
                        // time_updated has microseconds: the end second is inclusive as a whole.
            series.add("s.time_updated < to_timestamp($" + args.size() + " + 1)");
        }
        if (!series.isEmpty()) {
            conditions.add("EXISTS (SELECT 1 FROM ps_series s WHERE s.metadata_id = m.id AND "
                    + String.join(" AND ", series) + ")");
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }
}
