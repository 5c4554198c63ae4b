package org.observatory.perfarchive;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.observatory.perfarchive.Esmond.ROOT;
import static org.observatory.perfarchive.Esmond.create;
import static org.observatory.perfarchive.Esmond.metadata;
import static org.observatory.perfarchive.Esmond.withEventType;
import static org.observatory.perfarchive.Esmond.writer;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** esmond's validators coerce with Python's int() and float(): every value esmond took is taken here too. */
@QuarkusTest
class EsmondCoercionTest {

    /** The values as sent (JSON text), and what esmond stores for each. */
    private static final String[][] INTEGERS = {
            {"49554301.592703998", "49554301"}, {"1234.5", "1234"}, {"-7.9", "-7"}, {"\"42\"", "42"},
            {"\" -3 \"", "-3"}, {"\"1_000\"", "1000"}, {"true", "1"}, {"9223372036854775807", "9223372036854775807"}};

    private static String seriesWithEverything(String tool) {
        return create(withEventType(withEventType(withEventType(
                metadata(tool, "198.18.0.1", "198.18.0.2"), "throughput", "average:86400"),
                "packet-loss-rate", "aggregation:3600"), "histogram-owdelay", "aggregation:3600", "statistics:0"));
    }

    @Test
    void bulkWriteTruncatesAFractionalThroughputAsEsmondDoes() {
        // What pScheduler's esmond archiver PUTs for an iperf3 UDP run: refused with 400 before.
        String key = create(withEventType(metadata("coerce/iperf3-udp", "198.18.0.1", "198.18.0.2"), "throughput", "average:86400"));
        writer().contentType("application/json")
                .body("{\"data\": [{\"ts\": 1700000000, \"val\": [{\"event-type\": \"throughput\", \"val\": 49554301.592703998}]}]}")
                .put(ROOT + "/" + key + "/").then().statusCode(201);
        given().get(ROOT + "/" + key + "/throughput/base").then().body("val", contains(49554301));
    }

    @Test
    void singlePointTruncatesAFraction() {
        String key = create(withEventType(metadata("coerce/single", "198.18.0.1", "198.18.0.2"), "throughput"));
        writer().contentType("application/json").body("{\"ts\": 1700000000, \"val\": 1234.5}")
                .post(ROOT + "/" + key + "/throughput/base").then().statusCode(201);
        given().get(ROOT + "/" + key + "/throughput/base").then().body("val", contains(1234));
    }

    @Test
    void bulkStreamTreeAndSinglePointStoreTheSameValues() {
        String single = seriesWithEverything("coerce/same-single");
        String stream = seriesWithEverything("coerce/same-stream");
        String tree = seriesWithEverything("coerce/same-tree");
        StringBuilder ordinary = new StringBuilder("{\"data\": [");
        // The same points with "val" before "event-type": the streaming parser hands such bodies to the tree.
        StringBuilder reordered = new StringBuilder("{\"data\": [");
        for (int i = 0; i < INTEGERS.length; i++) {
            long ts = 1_700_000_000L + i * 60;
            String hist = "{\"-0.25\": 2.9, \"0.5\": \"4\", \"1\": 1}";
            String pct = "{\"numerator\": \"3\", \"denominator\": 10.7}";
            writer().contentType("application/json").body("{\"ts\": " + ts + ", \"val\": " + INTEGERS[i][0] + "}")
                    .post(ROOT + "/" + single + "/throughput/base").then().statusCode(201);
            writer().contentType("application/json").body("{\"ts\": " + ts + ", \"val\": " + hist + "}")
                    .post(ROOT + "/" + single + "/histogram-owdelay/base").then().statusCode(201);
            writer().contentType("application/json").body("{\"ts\": " + ts + ", \"val\": " + pct + "}")
                    .post(ROOT + "/" + single + "/packet-loss-rate/base").then().statusCode(201);
            String sep = i == 0 ? "" : ",";
            ordinary.append(sep).append("{\"ts\": ").append(ts).append(", \"val\": [")
                    .append("{\"event-type\": \"throughput\", \"val\": ").append(INTEGERS[i][0]).append("},")
                    .append("{\"event-type\": \"histogram-owdelay\", \"val\": ").append(hist).append("},")
                    .append("{\"event-type\": \"packet-loss-rate\", \"val\": ").append(pct).append("}]}");
            reordered.append(sep).append("{\"val\": [")
                    .append("{\"val\": ").append(INTEGERS[i][0]).append(", \"event-type\": \"throughput\"},")
                    .append("{\"val\": ").append(hist).append(", \"event-type\": \"histogram-owdelay\"},")
                    .append("{\"val\": ").append(pct).append(", \"event-type\": \"packet-loss-rate\"}], \"ts\": ")
                    .append(ts).append("}");
        }
        writer().contentType("application/json").body(ordinary.append("]}").toString()).put(ROOT + "/" + stream + "/")
                .then().statusCode(201);
        writer().contentType("application/json").body(reordered.append("]}").toString()).put(ROOT + "/" + tree + "/")
                .then().statusCode(201);

        List<Long> expected = java.util.Arrays.stream(INTEGERS).map(v -> Long.parseLong(v[1])).toList();
        for (String key : List.of(single, stream, tree)) {
            JsonPath base = given().get(ROOT + "/" + key + "/throughput/base").then().statusCode(200).extract().jsonPath();
            org.junit.jupiter.api.Assertions.assertEquals(expected, base.getList("val", Long.class), key);
            given().get(ROOT + "/" + key + "/histogram-owdelay/base").then()
                    .body("val[0]", equalTo(Map.of("-0.25", 2, "0.5", 4, "1", 1)));
            given().get(ROOT + "/" + key + "/histogram-owdelay/statistics/0").then()
                    .body("val[0].minimum", equalTo(-0.25f)).body("val[0].maximum", equalTo(1.0f));
            given().get(ROOT + "/" + key + "/packet-loss-rate/base").then().body("val[0]", equalTo(0.3f));
        }
    }

    @Test
    void textThatIsNotAnIntegerIsStillRefusedNamingTheField() {
        String key = seriesWithEverything("coerce/refused");
        refuses(key, "throughput", "\"12.5\"", "val", "must be an integer");
        refuses(key, "throughput", "\"abc\"", "val", "must be an integer");
        refuses(key, "throughput", "\"\"", "val", "must be an integer");
        refuses(key, "throughput", "[1]", "val", "must be an integer");
        refuses(key, "histogram-owdelay", "{\"1\": \"many\"}", "val.1", "integer");
        refuses(key, "packet-loss-rate", "{\"numerator\": \"1.5\", \"denominator\": 2}", "val.numerator", "integer");
        refuses(key, "packet-loss-rate", "{\"numerator\": 1, \"denominator\": 0.9}", "val.denominator", "> 0");
        writer().contentType("application/json")
                .body("{\"data\": [{\"ts\": 1700000000, \"val\": [{\"event-type\": \"throughput\", \"val\": \"fast\"}]}]}")
                .put(ROOT + "/" + key + "/").then().statusCode(400).body("detail", containsString("data[0].val[0].val"));
        given().get(ROOT + "/" + key + "/throughput/base").then().body("$", empty());
    }

    @Test
    void negativeAndHugeValuesFollowEsmondsRules() {
        String key = seriesWithEverything("coerce/limits");
        // int() has no sign rule: negative integers are stored; a percentage numerator truncated to 0 is fine.
        writer().contentType("application/json").body("{\"ts\": 1700000000, \"val\": -12}")
                .post(ROOT + "/" + key + "/throughput/base").then().statusCode(201);
        writer().contentType("application/json").body("{\"ts\": 1700000000, \"val\": {\"numerator\": -0.5, \"denominator\": 2}}")
                .post(ROOT + "/" + key + "/packet-loss-rate/base").then().statusCode(201);
        given().get(ROOT + "/" + key + "/packet-loss-rate/base").then().body("val", contains(0.0f));
        refuses(key, "packet-loss-rate", "{\"numerator\": -1, \"denominator\": 2}", "val.numerator", ">= 0");
        // esmond's summaries are 64-bit counters: what does not fit is refused rather than wrapped.
        refuses(key, "throughput", "9223372036854775808", "val", "64-bit");
        refuses(key, "throughput", "1e300", "val", "64-bit");
        refuses(key, "histogram-owdelay", "{\"1\": 1e30}", "val.1", "64-bit");
    }

    @Test
    void freeFormParametersReadBackAsPythonStrAndMatchEitherSpelling() {
        Map<String, Object> body = withEventType(metadata("coerce/params", "198.18.0.5", "198.18.0.6"), "throughput");
        body.put("mode-single-participant", true);
        body.put("pscheduler-reference", Map.of("k", "v"));
        body.put("time-duration", 15.0);
        body.put("bw-parallel-streams", 4);
        body.put("list", List.of("it's", 1.5e20, false));
        String key = create(body);
        given().get(ROOT + "/" + key + "/").then().statusCode(200)
                .body("'mode-single-participant'", equalTo("True"))
                .body("'pscheduler-reference'", equalTo("{'k': 'v'}"))
                .body("'time-duration'", equalTo("15.0"))
                .body("'bw-parallel-streams'", equalTo("4"))
                .body("list", equalTo("[\"it's\", 1.5e+20, False]"));
        for (String spelling : List.of("True", "true")) {
            given().queryParam("tool-name", "coerce/params").queryParam("mode-single-participant", spelling)
                    .get(ROOT + "/").then().body("'metadata-key'", contains(key));
        }
        for (String spelling : List.of("{'k': 'v'}", "{\"k\":\"v\"}")) {
            given().queryParam("tool-name", "coerce/params").queryParam("pscheduler-reference", spelling)
                    .get(ROOT + "/").then().body("'metadata-key'", contains(key));
        }
        given().queryParam("tool-name", "coerce/params").queryParam("mode-single-participant", "False")
                .get(ROOT + "/").then().body("$", empty());
    }

    private static void refuses(String key, String eventType, String val, String field, String reason) {
        writer().contentType("application/json").body("{\"ts\": 1700000600, \"val\": " + val + "}")
                .post(ROOT + "/" + key + "/" + eventType + "/base")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString(field + ": ")).body("detail", containsString(reason));
    }
}
