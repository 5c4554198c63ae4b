package org.observatory.perfarchive.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.observatory.common.problem.ProblemException;
import org.observatory.perfarchive.common.Numerals;
import org.observatory.perfarchive.eventtype.DataType;
import org.observatory.perfarchive.eventtype.EventTypes;
import org.observatory.perfarchive.eventtype.SummaryType;

/** Reads and validates a metadata POST body. */
public final class MetadataParser {

    static final Set<String> SUBJECT_FIELDS = Set.of("subject-type", "source", "destination", "measurement-agent",
            "tool-name", "input-source", "input-destination");
    /** Fields the server writes: ignored when a client echoes them back. */
    private static final Set<String> SERVER_FIELDS = Set.of("uri", "url", "metadata-key", "metadata-count-total",
            "metadata-previous-page", "metadata-next-page", "event-types");
    static final int MAX_TEXT = 1024;

    private MetadataParser() {
    }

    public static NewMetadata parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ProblemException.badRequest("The metadata must be a JSON object");
        }
        String subjectType = text(body, "subject-type");
        if (subjectType == null) {
            throw ProblemException.invalidField("subject-type", "is required (point-to-point or network-element)");
        }
        if (!subjectType.equals("point-to-point") && !subjectType.equals("network-element")) {
            throw ProblemException.invalidField("subject-type", "must be point-to-point or network-element");
        }
        String source = text(body, "source");
        if (source == null || source.isBlank()) {
            // esmond#95: esmond stored a metadata without source and could then store nothing for it.
            throw ProblemException.invalidField("source", "is required");
        }
        String destination = text(body, "destination");
        for (String field : List.of("source", "destination", "measurement-agent")) {
            hostField(body, field);
        }
        if (subjectType.equals("point-to-point") && (destination == null || destination.isBlank())) {
            throw ProblemException.invalidField("destination", "is required for a point-to-point subject");
        }
        TreeMap<String, String> parameters = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            if (SUBJECT_FIELDS.contains(name) || SERVER_FIELDS.contains(name) || field.getValue().isNull()) {
                continue;
            }
            if (name.isBlank() || name.length() > 256) {
                throw ProblemException.invalidField(name, "parameter names must be 1 to 256 characters");
            }
            JsonNode value = field.getValue();
            // As esmond stores it: Python's str() of the value (True, {'k': 'v'}), so reads and filters match esmond's.
            String stored = PythonText.str(value);
            if (stored.length() > MAX_TEXT) {
                throw ProblemException.invalidField(name, "is longer than " + MAX_TEXT + " characters");
            }
            parameters.put(name, stored);
        }
        return new NewMetadata(subjectType, HostAddresses.normalise(source), HostAddresses.normalise(destination),
                HostAddresses.normalise(text(body, "measurement-agent")), text(body, "tool-name"),
                text(body, "input-source"), text(body, "input-destination"), parameters, series(body.get("event-types")));
    }

    private static TreeSet<SeriesSpec> series(JsonNode eventTypes) {
        TreeSet<SeriesSpec> series = new TreeSet<>();
        if (eventTypes == null || eventTypes.isNull()) {
            return series;
        }
        if (!eventTypes.isArray()) {
            throw ProblemException.invalidField("event-types", "must be a list");
        }
        for (int i = 0; i < eventTypes.size(); i++) {
            JsonNode et = eventTypes.get(i);
            String at = "event-types[" + i + "]";
            String name = et.isObject() ? text(et, "event-type") : null;
            if (name == null) {
                throw ProblemException.invalidField(at + ".event-type", "is required");
            }
            DataType dataType = EventTypes.dataType(name).orElseThrow(() ->
                    ProblemException.invalidField(at + ".event-type", "unknown event type '" + name + "'"));
            series.add(new SeriesSpec(name, SummaryType.BASE, 0));
            JsonNode summaries = et.get("summaries");
            if (summaries == null || summaries.isNull()) {
                continue;
            }
            if (!summaries.isArray()) {
                throw ProblemException.invalidField(at + ".summaries", "must be a list");
            }
            for (int j = 0; j < summaries.size(); j++) {
                JsonNode s = summaries.get(j);
                String sat = at + ".summaries[" + j + "]";
                String typeName = s.isObject() ? text(s, "summary-type") : null;
                SummaryType type = SummaryType.fromJson(typeName == null ? "" : typeName)
                        .filter(t -> t != SummaryType.BASE)
                        .orElseThrow(() -> ProblemException.invalidField(sat + ".summary-type",
                                "unknown summary type '" + typeName + "'"));
                if (!dataType.allowedSummaries().contains(type)) {
                    throw ProblemException.invalidField(sat + ".summary-type", "a " + dataType.name().toLowerCase()
                            + " event type (" + name + ") cannot have a " + type.json() + " summary");
                }
                series.add(new SeriesSpec(name, type, window(s.get("summary-window"), sat + ".summary-window")));
            }
        }
        return series;
    }

    private static long window(JsonNode node, String field) {
        String text = node == null || node.isNull() ? "" : node.asText();
        Long window = Numerals.whole(text, field, "must be a whole number of seconds");
        if (window == null) {
            throw ProblemException.invalidField(field, "must be a whole number of seconds");
        }
        if (window < 0 || window > 366L * 86400 * 10) {
            throw ProblemException.invalidField(field, "must be between 0 and ten years of seconds");
        }
        return window;
    }

    /** An address field: a JSON string holding a host name or an IP literal (never a number, boolean or path). */
    private static void hostField(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return;
        }
        if (!value.isTextual()) {
            throw ProblemException.invalidField(field, "must be a string holding a host name or an IP address");
        }
        HostAddresses.requireHost(field, value.asText());
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            throw ProblemException.invalidField(field, "must be a string");
        }
        String text = value.asText();
        if (text.length() > MAX_TEXT) {
            throw ProblemException.invalidField(field, "is longer than " + MAX_TEXT + " characters");
        }
        return text;
    }
}
