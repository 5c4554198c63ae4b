package org.observatory.perfarchive.summary;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/** A histogram as the JSON text it is stored in, {"bucket": count, ...}, and its bucket-wise merge. */
public final class HistogramText {

    private static final JsonStringEncoder ENCODER = JsonStringEncoder.getInstance();

    private HistogramText() {
    }

    /** A stored histogram's text as bucket -> count, read with the streaming parser (no tree); null is empty. */
    public static Map<String, Long> parse(JsonFactory json, String text) {
        Map<String, Long> result = new HashMap<>();
        if (text == null) {
            return result;
        }
        try (JsonParser parser = json.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalStateException("A stored histogram is not a JSON object: " + text);
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                parser.nextToken();
                result.put(key, parser.getValueAsLong());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return result;
    }

    /** A histogram as JSON text. */
    public static String json(Map<String, Long> histogram) {
        StringBuilder out = new StringBuilder(16 + histogram.size() * 16).append('{');
        boolean first = true;
        for (Map.Entry<String, Long> e : histogram.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append('"');
            ENCODER.quoteAsString(e.getKey(), out);
            out.append("\":").append(e.getValue().longValue());
        }
        return out.append('}').toString();
    }

    /** The stored bucket plus a delta, bucket-wise; buckets that sum to 0 (a re-sent point subtracted) go. */
    public static Map<String, Long> merge(Map<String, Long> stored, Map<String, Long> delta) {
        Map<String, Long> sum = new HashMap<>(stored);
        delta.forEach((k, v) -> sum.merge(k, v, Long::sum));
        sum.values().removeIf(v -> v == 0);
        return sum;
    }
}
