package org.observatory.perfarchive.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.observatory.common.json.StrictJson;
import org.observatory.common.problem.ProblemException;

class BulkStreamParserTest {

    /** The application's mapper: Quarkus' with service-commons' customizer. */
    private static final ObjectMapper MAPPER = strict();

    private static ObjectMapper strict() {
        ObjectMapper mapper = new ObjectMapper();
        new StrictJson().customize(mapper);
        return mapper;
    }

    private static List<Point> stream(String body) {
        return BulkStreamParser.parse(MAPPER, body.getBytes(StandardCharsets.UTF_8));
    }

    private static List<Point> tree(String body) {
        return DataParser.bulkFromTree(MAPPER, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void leavesTrailingContentToTheTreeWhichRefusesIt() {
        String body = "{\"data\": [{\"ts\": 1400000000, \"val\": [{\"event-type\": \"throughput\", \"val\": 1}]}]} xyz";
        assertNull(stream(body));
        ProblemException refused = assertThrows(ProblemException.class, () -> tree(body));
        assertEquals(400, refused.status());
    }

    @Test
    void givesTheSamePointsAsTheTreeForEveryDataType() {
        String body = """
                {"data": [
                  {"ts": 1400000000, "val": [
                    {"event-type": "histogram-owdelay", "val": {"10.5": 3, "11": 0, "a\\"b": 2}},
                    {"event-type": "packet-count-sent", "val": 600},
                    {"event-type": "packet-loss-rate", "val": {"numerator": 1, "denominator": 600}},
                    {"event-type": "throughput", "val": 950000000},
                    {"event-type": "ntp-offset", "val": 0.25},
                    {"event-type": "throughput-subintervals", "val": [{"start": 0, "duration": 1.5, "val": 10}]},
                    {"event-type": "pscheduler-run-href", "val": {"href": "https://x/y"}}
                  ], "extra": {"ignored": [1, 2]}},
                  {"ts": 1400000060, "val": []}
                ], "other": 1}""";
        List<Point> fast = stream(body);
        assertNotNull(fast);
        assertEquals(tree(body), fast);
        assertEquals(7, fast.size());
    }

    @Test
    void readsScalarsSubintervalsAndStringsAsTheTreeWritesThem() {
        String body = """
                {"data": [{"ts": 1400000000, "val": [
                    {"event-type": "packet-count-sent", "val": 9223372036854775807},
                    {"event-type": "ntp-offset", "val": 3},
                    {"event-type": "ntp-delay", "val": 1e3},
                    {"event-type": "throughput-subintervals", "val": [
                        {"start": 0, "duration": 1.0, "val": 8123456789, "omitted": false},
                        {"duration": 2.50, "val": {"nested": [1, 2.0]}, "start": 1e0}]},
                    {"event-type": "pscheduler-run-href", "val": "https://ps.example.net/runs/1?a=\\"b\\"&c=\\u00e9\\n"}
                ]}]}""";
        List<Point> fast = stream(body);
        assertNotNull(fast);
        assertEquals(tree(body), fast);
        assertEquals("[{\"start\":0,\"duration\":1.0,\"val\":8123456789,\"omitted\":false},"
                + "{\"duration\":2.5,\"val\":{\"nested\":[1,2.0]},\"start\":1.0}]", fast.get(3).value().json());
    }

    @Test
    void acceptsFieldsInAnyOrder() {
        // Clients serialise maps in any order: val before ts, val before event-type.
        String body = """
                {"data": [{"val": [{"val": {"9": 27, "10": 573}, "event-type": "histogram-ttl"},
                                   {"val": 600, "event-type": "packet-count-sent"},
                                   {"event-type": "histogram-owdelay", "val": {"1.5": 2}}],
                           "ts": 1400000000}]}""";
        List<Point> fast = stream(body);
        assertNotNull(fast);
        assertEquals(3, fast.size());
        assertEquals(tree(body), fast);
    }

    @Test
    void truncatesFractionsOfIntegerTypesAsTheTreeDoes() {
        // esmond's int(): iperf3 throughputs and histogram counts with a fraction are truncated toward zero.
        String body = """
                {"data": [{"ts": 1400000000, "val": [{"event-type": "throughput", "val": 49554301.592703998},
                                                     {"event-type": "packet-count-sent", "val": -7.9},
                                                     {"event-type": "histogram-owdelay", "val": {"1.5": 2.9}}]}]}""";
        List<Point> fast = stream(body);
        assertNotNull(fast);
        assertEquals(tree(body), fast);
        assertEquals(49554301L, fast.get(0).value().integer());
        assertEquals(-7L, fast.get(1).value().integer());
        assertEquals("{\"1.5\":2}", fast.get(2).value().json());
    }

    @Test
    void leavesUnusualShapesToTheTree() {
        // Valid for the tree, decided there: string counts, repeated buckets, text timestamps.
        assertNull(stream("{\"data\":[{\"ts\":1,\"val\":[{\"event-type\":\"histogram-ttl\",\"val\":{\"1\":\"2\"}}]}]}"));
        assertNull(stream("{\"data\":[{\"ts\":1,\"val\":[{\"event-type\":\"histogram-ttl\",\"val\":{\"1\":2,\"1\":0}}]}]}"));
        assertNull(stream("{\"data\":[{\"ts\":\"1\",\"val\":[]}]}"));
        // Invalid: the tree names the error.
        assertNull(stream("{\"data\":[{\"ts\":1,\"val\":[{\"event-type\":\"histogram-ttl\",\"val\":{\"1\":-2}}]}]}"));
        assertNull(stream("{\"data\":[{\"ts\":1,\"val\":[{\"event-type\":\"packet-count-sent\",\"val\":1e300}]}]}"));
        assertNull(stream("{\"data\":[{\"ts\":1,\"val\":[{\"event-type\":\"no-such-type\",\"val\":1}]}]}"));
        assertNull(stream("{\"data\":[{\"ts\":1,\"val\":[]}] "));
        assertNull(stream("[]"));
        // Subintervals with text numbers, a repeated field or a missing one; an empty list.
        assertNull(stream("{\"data\":[{\"ts\":1,\"val\":[{\"event-type\":\"throughput-subintervals\","
                + "\"val\":[{\"start\":\"0\",\"duration\":1,\"val\":1}]}]}]}"));
        assertNull(stream("{\"data\":[{\"ts\":1,\"val\":[{\"event-type\":\"throughput-subintervals\","
                + "\"val\":[{\"start\":0,\"start\":1,\"duration\":1,\"val\":1}]}]}]}"));
        assertNull(stream("{\"data\":[{\"ts\":1,\"val\":[{\"event-type\":\"throughput-subintervals\","
                + "\"val\":[{\"start\":0,\"val\":1}]}]}]}"));
        assertNull(stream("{\"data\":[{\"ts\":1,\"val\":[{\"event-type\":\"throughput-subintervals\",\"val\":[]}]}]}"));
    }
}
