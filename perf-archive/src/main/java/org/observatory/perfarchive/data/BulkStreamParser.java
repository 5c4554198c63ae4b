package org.observatory.perfarchive.data;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.observatory.perfarchive.eventtype.DataType;
import org.observatory.perfarchive.eventtype.EventTypes;

/**
 * The fast path of bulk bodies: one streaming pass straight into points, histograms read bucket by bucket
 * without a tree. It only accepts the ordinary shape (fields in any order, numeric counts, no repeated
 * fields); for anything else, valid or not, it answers null and {@link DataParser} parses the body
 * as a tree, which gives the same points or the exact error (a syntax error later in the body still wins
 * over a bad value earlier in it, as with the tree).
 */
final class BulkStreamParser {

    private static final JsonStringEncoder ENCODER = JsonStringEncoder.getInstance();

    private BulkStreamParser() {
    }

    /** The points of a well-formed ordinary bulk body, or null when the tree parser must decide. */
    static List<Point> parse(ObjectMapper mapper, byte[] body) {
        try (JsonParser p = mapper.getFactory().createParser(body)) {
            // Values are read as trees in the middle of the body: the mapper's trailing-token check must not apply there.
            p.setCodec(mapper.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS));
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            List<Point> points = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if ("data".equals(name)) {
                    if (points != null || t != JsonToken.START_ARRAY) {
                        return null;
                    }
                    points = new ArrayList<>();
                    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                        if (t != JsonToken.START_OBJECT || !item(p, points)) {
                            return null;
                        }
                    }
                } else {
                    p.skipChildren();
                }
            }
            // Anything after the object is the tree's to refuse (the application's mapper fails on trailing tokens).
            return p.currentToken() == JsonToken.END_OBJECT && p.nextToken() == null ? points : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** A value of an item whose ts may come after it (clients serialise their maps in any order). */
    private record Pending(String eventType, DataType type, PointValue value) {
    }

    private static boolean item(JsonParser p, List<Point> points) throws IOException {
        long ts = -1;
        List<Pending> values = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            if ("ts".equals(name)) {
                if (ts >= 0 || t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    return false;
                }
                ts = p.getLongValue();
                if (ts < 0 || ts >= ValueParser.MAX_TS) {
                    return false;
                }
            } else if ("val".equals(name)) {
                if (values != null || t != JsonToken.START_ARRAY) {
                    return false;
                }
                values = new ArrayList<>();
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (t != JsonToken.START_OBJECT || !value(p, values)) {
                        return false;
                    }
                }
            } else {
                p.skipChildren();
            }
        }
        if (ts < 0 || values == null) {
            return false;
        }
        for (Pending v : values) {
            points.add(new Point(v.eventType(), v.type(), ts, v.value()));
        }
        return true;
    }

    private static boolean value(JsonParser p, List<Pending> values) throws IOException {
        String eventType = null;
        DataType type = null;
        PointValue value = null;
        JsonNode early = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            if ("event-type".equals(name)) {
                if (eventType != null || t != JsonToken.VALUE_STRING) {
                    return false;
                }
                eventType = p.getText();
                type = EventTypes.dataType(eventType).orElse(null);
                if (type == null) {
                    return false;
                }
            } else if ("val".equals(name)) {
                if (value != null || early != null) {
                    return false;
                }
                if (type == null) {
                    // The value came before its event type: keep its subtree, checked below as the tree path does.
                    early = p.<JsonNode>readValueAsTree();
                    if (early == null) {
                        return false;
                    }
                    continue;
                }
                value = value(type, p);
                if (value == null) {
                    return false;
                }
            } else {
                p.skipChildren();
            }
        }
        if (early != null && type != null) {
            value = ValueParser.value(type, early, "val");
        }
        if (value == null) {
            return false;
        }
        values.add(new Pending(eventType, type, value));
        return true;
    }

    /**
     * A value of a known type, read from the stream for the common shapes (integers, numbers, subintervals,
     * strings); anything else is read as its own small subtree and checked as the tree path does.
     */
    private static PointValue value(DataType type, JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        switch (type) {
            case HISTOGRAM:
                return histogram(p);
            case INTEGER:
                if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                    return PointValue.ofInteger(p.getLongValue());
                }
                if (t == JsonToken.VALUE_NUMBER_FLOAT) {
                    // esmond's int(): iperf3 throughputs carry a fraction, truncated toward zero as the tree does.
                    Long truncated = PythonNumbers.truncate(p.getDoubleValue());
                    if (truncated != null) {
                        return PointValue.ofInteger(truncated);
                    }
                }
                break;
            case FLOAT:
                if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                    return PointValue.ofReal(p.getDoubleValue());
                }
                break;
            case SUBINTERVAL:
                if (t == JsonToken.START_ARRAY) {
                    return subintervals(p);
                }
                break;
            case JSON:
                if (t == JsonToken.VALUE_STRING) {
                    StringWriter text = new StringWriter(p.getTextLength() + 8);
                    try (JsonGenerator g = p.getCodec().getFactory().createGenerator(text)) {
                        g.writeString(p.getText());
                    }
                    return PointValue.ofJson(text.toString());
                }
                break;
            default:
                break;
        }
        return ValueParser.value(type, p.<JsonNode>readValueAsTree(), "val");
    }

    /**
     * A list of {start, duration, val} with numeric start and duration, copied as the tree would write it (same
     * fields in the same order, same number forms); null for any other shape, which the tree path then decides.
     */
    private static PointValue subintervals(JsonParser p) throws IOException {
        StringWriter text = new StringWriter(256);
        try (JsonGenerator g = p.getCodec().getFactory().createGenerator(text)) {
            g.writeStartArray();
            int items = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (p.currentToken() != JsonToken.START_OBJECT) {
                    return null;
                }
                g.writeStartObject();
                Set<String> names = new HashSet<>(4);
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken t = p.nextToken();
                    if (!names.add(name)) {
                        return null;
                    }
                    boolean number = t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT;
                    if ((name.equals("start") || name.equals("duration")) && !number || name.equals("val") && t == JsonToken.VALUE_NULL) {
                        return null;
                    }
                    g.writeFieldName(name);
                    g.copyCurrentStructure(p);
                }
                if (!names.contains("start") || !names.contains("duration") || !names.contains("val")) {
                    return null;
                }
                g.writeEndObject();
                items++;
            }
            if (items == 0) {
                return null;
            }
            g.writeEndArray();
        }
        return PointValue.ofJson(text.toString());
    }

    /** As {@link ValueParser}'s histogram: buckets with a count > 0, and the normalised text of all of them. */
    private static PointValue histogram(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            return null;
        }
        Map<String, Long> buckets = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        StringBuilder normalised = new StringBuilder(256).append('{');
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken t = p.nextToken();
            Long count;
            if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                count = p.getLongValue();
            } else if (t == JsonToken.VALUE_NUMBER_FLOAT) {
                count = PythonNumbers.truncate(p.getDoubleValue());
            } else {
                return null;
            }
            if (count == null || count < 0 || !seen.add(key)) {
                return null;
            }
            if (count > 0) {
                buckets.put(key, count);
            }
            if (normalised.length() > 1) {
                normalised.append(',');
            }
            normalised.append('"');
            ENCODER.quoteAsString(key, normalised);
            normalised.append("\":").append(count);
        }
        return PointValue.ofHistogram(normalised.append('}').toString(), buckets);
    }
}
