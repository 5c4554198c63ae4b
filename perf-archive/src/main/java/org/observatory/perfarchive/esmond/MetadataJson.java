package org.observatory.perfarchive.esmond;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.observatory.perfarchive.eventtype.SummaryType;
import org.observatory.perfarchive.metadata.Metadata;
import org.observatory.perfarchive.metadata.Series;

/** esmond's JSON for a metadata: flattened subject and parameters, absolute-path uris, string windows. */
public final class MetadataJson {

    private MetadataJson() {
    }

    /** @param origin scheme, host and port of the request ({@code http://host:port}), for {@code url} */
    public static Map<String, Object> render(Metadata m, String origin) {
        Map<String, Object> json = new LinkedHashMap<>();
        String uri = ArchivePaths.metadata(m.key());
        json.put("url", origin + uri);
        json.put("uri", uri);
        json.put("metadata-key", m.key());
        json.put("subject-type", m.subjectType());
        json.put("source", m.source());
        if ("point-to-point".equals(m.subjectType()) || m.destination() != null) {
            json.put("destination", m.destination());
        }
        json.put("measurement-agent", m.measurementAgent());
        json.put("tool-name", m.toolName());
        json.put("input-source", m.inputSource());
        json.put("input-destination", m.inputDestination());
        m.parameters().forEach(json::putIfAbsent);
        json.put("event-types", eventTypes(m));
        return json;
    }

    static List<Map<String, Object>> eventTypes(Metadata m) {
        Map<String, Map<String, Object>> byType = new LinkedHashMap<>();
        for (Series s : m.series()) {
            Map<String, Object> et = byType.computeIfAbsent(s.eventType(), name -> eventType(m.key(), name));
            if (s.summaryType() == SummaryType.BASE) {
                et.put("time-updated", s.timeUpdated());
            } else {
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> summaries = (List<Map<String, Object>>) et.get("summaries");
                summaries.add(summary(m.key(), s));
            }
        }
        return new ArrayList<>(byType.values());
    }

    /** The event type alone, as {@code GET /archive/<key>/<event-type>/} answers it. */
    public static Map<String, Object> eventType(Metadata m, String eventType) {
        return eventTypes(m).stream().filter(et -> eventType.equals(et.get("event-type"))).findFirst().orElse(null);
    }

    private static Map<String, Object> eventType(String key, String name) {
        Map<String, Object> et = new LinkedHashMap<>();
        et.put("base-uri", ArchivePaths.base(key, name));
        et.put("event-type", name);
        et.put("summaries", new ArrayList<Map<String, Object>>());
        et.put("time-updated", null);
        return et;
    }

    public static Map<String, Object> summary(String key, Series s) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("summary-type", s.summaryType().json());
        json.put("summary-window", String.valueOf(s.window()));
        json.put("time-updated", s.timeUpdated());
        json.put("uri", ArchivePaths.summary(key, s.eventType(), s.summaryType().url(), s.window()));
        return json;
    }
}
