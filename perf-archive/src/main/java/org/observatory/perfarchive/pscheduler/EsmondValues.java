package org.observatory.perfarchive.pscheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.observatory.common.problem.ProblemException;
import org.observatory.perfarchive.data.PythonNumbers;

/** The archiver's small rules, in Python's terms: truthiness, int() checks, seconds from durations. */
final class EsmondValues {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private EsmondValues() {
    }

    static void add(ArrayNode values, String eventType, JsonNode val) {
        values.addObject().put("event-type", eventType).set("val", val);
    }

    /** Adds the field's value when present and not null (the archiver's add_data_if_exists). */
    static void addIfPresent(ArrayNode values, String eventType, JsonNode obj, String field) {
        JsonNode v = obj.get(field);
        if (v != null && !v.isNull()) {
            add(values, eventType, v);
        }
    }

    /** A percentage from two result fields, skipped when either is absent, not an integer, or the denominator 0. */
    static void addRate(ArrayNode values, String eventType, JsonNode result, String numerator, String denominator) {
        JsonNode n = result.get(numerator);
        JsonNode d = result.get(denominator);
        if (n == null || d == null || n.isNull() || d.isNull()) {
            return;
        }
        try {
            PythonNumbers.integer(n, numerator);
            if (PythonNumbers.integer(d, denominator) == 0) {
                return;
            }
        } catch (ProblemException e) {
            return;
        }
        ObjectNode rate = NODES.objectNode();
        rate.set("numerator", n);
        rate.set("denominator", d);
        add(values, eventType, rate);
    }

    /** Python truthiness of a JSON value. */
    static boolean truthy(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return false;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isNumber()) {
            return v.doubleValue() != 0;
        }
        if (v.isTextual()) {
            return !v.textValue().isEmpty();
        }
        return v.size() > 0;
    }

    /** Puts an ISO 8601 duration of the spec as float seconds, when the spec has a truthy value. */
    static void putSeconds(ObjectNode metadata, String name, JsonNode spec, String field) {
        if (truthy(spec.get(field))) {
            metadata.put(name, IsoDurations.seconds(spec.get(field).asText(), "test.spec." + field));
        }
    }

    /** end - start as Python computes it: an int when both are ints, else a float. */
    static JsonNode minus(JsonNode end, JsonNode start) {
        if (end.isIntegralNumber() && start.isIntegralNumber()) {
            return NODES.numberNode(end.bigIntegerValue().subtract(start.bigIntegerValue()));
        }
        return NODES.numberNode(number(end) - number(start));
    }

    static double number(JsonNode v) {
        if (!v.isNumber()) {
            throw new IllegalArgumentException("not a number: " + v);
        }
        return v.doubleValue();
    }
}
