package org.observatory.perfarchive.data;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.observatory.common.problem.ProblemException;
import org.observatory.perfarchive.eventtype.DataType;

/** Checks a point's {@code ts} and {@code val} the way esmond's validators do, and names the field at fault. */
public final class ValueParser {

    /** The first second of the year 10000: later timestamps are typos, not measurements. */
    static final long MAX_TS = 253_402_300_800L;

    private static final JsonStringEncoder ENCODER = JsonStringEncoder.getInstance();

    private ValueParser() {
    }

    public static long timestamp(JsonNode ts, String field) {
        Long value = integral(ts);
        if (value == null) {
            // esmond checks int(ts) too.
            throw ProblemException.invalidField(field, "must be an integer number of seconds since 1970");
        }
        if (value < 0 || value >= MAX_TS) {
            throw ProblemException.invalidField(field, "is out of range (0 to " + (MAX_TS - 1) + ")");
        }
        return value;
    }

    public static PointValue value(DataType type, JsonNode val, String field) {
        if (val == null || val.isNull() || val.isMissingNode()) {
            throw ProblemException.invalidField(field, "is missing");
        }
        return switch (type) {
            case INTEGER -> PointValue.ofInteger(PythonNumbers.integer(val, field));
            case FLOAT -> {
                Double v = PythonNumbers.real(val);
                if (v == null) {
                    throw ProblemException.invalidField(field, "must be a number");
                }
                yield PointValue.ofReal(v);
            }
            case PERCENTAGE -> percentage(val, field);
            case HISTOGRAM -> histogram(val, field);
            case SUBINTERVAL -> subintervals(val, field);
            case JSON -> PointValue.ofJson(val.toString());
        };
    }

    private static PointValue percentage(JsonNode val, String field) {
        if (!val.isObject()) {
            throw ProblemException.invalidField(field, "must be an object with numerator and denominator");
        }
        if (!val.has("numerator")) {
            throw ProblemException.invalidField(field + ".numerator", "is required");
        }
        if (!val.has("denominator")) {
            throw ProblemException.invalidField(field + ".denominator", "is required");
        }
        // esmond truncates both with int() first, then checks the signs.
        long numerator = PythonNumbers.integer(val.get("numerator"), field + ".numerator");
        long denominator = PythonNumbers.integer(val.get("denominator"), field + ".denominator");
        if (numerator < 0) {
            throw ProblemException.invalidField(field + ".numerator", "must be an integer >= 0");
        }
        if (denominator <= 0) {
            throw ProblemException.invalidField(field + ".denominator", "must be an integer > 0");
        }
        return PointValue.ofPercentage(numerator, denominator);
    }

    private static PointValue histogram(JsonNode val, String field) {
        if (!val.isObject()) {
            throw ProblemException.invalidField(field, "must be an object of bucket -> count");
        }
        Map<String, Long> buckets = new LinkedHashMap<>();
        // The normalised text (counts as integers, zero buckets kept) is written directly: stored as jsonb.
        StringBuilder normalised = new StringBuilder(16 + val.size() * 16).append('{');
        for (Iterator<Map.Entry<String, JsonNode>> it = val.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> bucket = it.next();
            long count = PythonNumbers.integer(bucket.getValue(), field + "." + bucket.getKey());
            if (count < 0) {
                // esmond stores negative counts and then fails computing their statistics: refused here.
                throw ProblemException.invalidField(field + "." + bucket.getKey(), "bucket count must be an integer >= 0");
            }
            if (count > 0) {
                buckets.put(bucket.getKey(), count);
            }
            if (normalised.length() > 1) {
                normalised.append(',');
            }
            normalised.append('"');
            ENCODER.quoteAsString(bucket.getKey(), normalised);
            normalised.append("\":").append(count);
        }
        return PointValue.ofHistogram(normalised.append('}').toString(), buckets);
    }

    private static PointValue subintervals(JsonNode val, String field) {
        if (!val.isArray() || val.isEmpty()) {
            throw ProblemException.invalidField(field, "must be a non-empty list of {start, duration, val}");
        }
        for (int i = 0; i < val.size(); i++) {
            JsonNode item = val.get(i);
            String at = field + "[" + i + "]";
            if (!item.isObject()) {
                throw ProblemException.invalidField(at, "must be an object with start, duration and val");
            }
            if (PythonNumbers.real(item.get("start")) == null) {
                throw ProblemException.invalidField(at + ".start", "must be a number");
            }
            if (PythonNumbers.real(item.get("duration")) == null) {
                throw ProblemException.invalidField(at + ".duration", "must be a number");
            }
            if (item.get("val") == null || item.get("val").isNull()) {
                throw ProblemException.invalidField(at + ".val", "is missing");
            }
        }
        return PointValue.ofJson(val.toString());
    }

    /** int() of a timestamp, or null when it is not an integer or beyond 64 bits. */
    static Long integral(JsonNode node) {
        try {
            return node == null ? null : PythonNumbers.integer(node, "ts");
        } catch (ProblemException e) {
            return null;
        }
    }
}
