package org.observatory.perfarchive.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.observatory.common.problem.ProblemException;
import org.observatory.perfarchive.eventtype.DataType;
import org.observatory.perfarchive.eventtype.EventTypes;

/**
 * Reads the two write bodies: one point {@code {"ts","val"}} and esmond's bulk {@code {"data":[...]}}. Callers pass
 * the application's ObjectMapper, so that the house rules for JSON (service-commons' StrictJson) apply.
 */
public final class DataParser {

    private DataParser() {
    }

    public static JsonNode json(ObjectMapper mapper, String body) {
        if (body == null || body.isBlank()) {
            throw ProblemException.badRequest("The body is empty; a JSON object is expected");
        }
        try {
            return mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ProblemException(400, "Malformed JSON", "The body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    public static DataType dataType(String eventType) {
        return EventTypes.dataType(eventType).orElseThrow(() ->
                ProblemException.invalidField("event-type", "unknown event type '" + eventType + "'"));
    }

    public static List<Point> single(ObjectMapper mapper, String eventType, String body) {
        DataType type = dataType(eventType);
        JsonNode point = json(mapper, body);
        if (!point.isObject()) {
            throw ProblemException.badRequest("A point must be a JSON object {\"ts\": <seconds>, \"val\": ...}");
        }
        long ts = ValueParser.timestamp(point.get("ts"), "ts");
        return List.of(new Point(eventType, type, ts, ValueParser.value(type, point.get("val"), "val")));
    }

    public static JsonNode json(ObjectMapper mapper, byte[] body) {
        if (body == null || body.length == 0) {
            throw ProblemException.badRequest("The body is empty; a JSON object is expected");
        }
        try {
            return mapper.readTree(body);
        } catch (IOException e) {
            String reason = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new ProblemException(400, "Malformed JSON", "The body is not valid JSON: " + reason);
        }
    }

    /**
     * Bulk bodies are parsed from bytes: no intermediate string of megabytes. Ordinary bodies go through one
     * streaming pass; anything else (and every error) through the tree, which decides exactly as before.
     */
    public static List<Point> bulk(ObjectMapper mapper, byte[] body) {
        List<Point> points = body == null || body.length == 0 ? null : BulkStreamParser.parse(mapper, body);
        return points != null ? points : bulkFromTree(mapper, body);
    }

    static List<Point> bulkFromTree(ObjectMapper mapper, byte[] body) {
        return bulk(json(mapper, body));
    }

    /** The points of a bulk body already parsed (what pScheduler's esmond archiver would have PUT). */
    public static List<Point> bulk(JsonNode root) {
        JsonNode data = root.isObject() ? root.get("data") : null;
        if (data == null || !data.isArray()) {
            throw ProblemException.invalidField("data", "must be a list of {\"ts\", \"val\": [{\"event-type\", \"val\"}]}");
        }
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            JsonNode item = data.get(i);
            String at = "data[" + i + "]";
            if (!item.isObject()) {
                throw ProblemException.invalidField(at, "must be an object with ts and val");
            }
            long ts = ValueParser.timestamp(item.get("ts"), at + ".ts");
            JsonNode values = item.get("val");
            if (values == null || !values.isArray()) {
                throw ProblemException.invalidField(at + ".val", "must be a list of {\"event-type\", \"val\"}");
            }
            for (int j = 0; j < values.size(); j++) {
                JsonNode value = values.get(j);
                String vat = at + ".val[" + j + "]";
                JsonNode eventType = value.isObject() ? value.get("event-type") : null;
                if (eventType == null || !eventType.isTextual()) {
                    throw ProblemException.invalidField(vat + ".event-type", "is required");
                }
                String name = eventType.textValue();
                DataType type = EventTypes.dataType(name).orElseThrow(() ->
                        ProblemException.invalidField(vat + ".event-type", "unknown event type '" + name + "'"));
                points.add(new Point(name, type, ts, ValueParser.value(type, value.get("val"), vat + ".val")));
            }
        }
        return points;
    }
}
