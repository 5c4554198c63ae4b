package org.observatory.registry.indico;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A refusal of the Indico client API, answered in the shape Indico's client and Cephalopod used:
 * {@code {"error": "Invalid value", "field": "email"}} or {@code {"error": "Unexpected data", "data": [...]}},
 * alongside the problem+json members.
 */
public class IndicoApiException extends RuntimeException {

    private final int status;
    private final String error;
    private final Map<String, Object> members;

    private IndicoApiException(int status, String error, String detail, Map<String, Object> members) {
        super(detail);
        this.status = status;
        this.error = error;
        this.members = members;
    }

    public static IndicoApiException invalidValue(String field, String why) {
        return new IndicoApiException(400, "Invalid value", field + ": " + why, Map.of("field", field));
    }

    public static IndicoApiException missingValue(String field) {
        return new IndicoApiException(400, "Missing value", field + ": is required", Map.of("field", field));
    }

    public static IndicoApiException unexpectedData(Object data) {
        return new IndicoApiException(400, "Unexpected data", "Unexpected keys: " + data, Map.of("data", data));
    }

    public static IndicoApiException invalidData(String why) {
        return new IndicoApiException(400, "Invalid data", why, Map.of());
    }

    public static IndicoApiException notFound() {
        return new IndicoApiException(404, "Not found", "No instance has this uuid", Map.of());
    }

    public static IndicoApiException conflict(String field, String why) {
        return new IndicoApiException(409, "Conflict", why, Map.of("field", field));
    }

    public static IndicoApiException tooManyRequests(long retryAfterSeconds) {
        return new IndicoApiException(429, "Too many requests",
                "Too many registrations from this address; retry in " + retryAfterSeconds + " s",
                Map.of("retry_after", retryAfterSeconds));
    }

    public int status() {
        return status;
    }

    /** The whole body: problem+json members plus Indico's {@code error} and its companion key. */
    public Map<String, Object> body(String path) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", error);
        body.put("status", status);
        body.put("detail", getMessage());
        if (path != null) {
            body.put("instance", path);
        }
        body.put("error", error);
        body.putAll(members);
        if (members.get("field") instanceof String field) {
            body.put("errors", java.util.List.of(Map.of("field", field, "message", getMessage())));
        }
        return body;
    }
}
