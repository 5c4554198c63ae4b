package org.observatory.perfarchive;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.observatory.perfarchive.Esmond.ROOT;
import static org.observatory.perfarchive.Esmond.create;
import static org.observatory.perfarchive.Esmond.metadata;
import static org.observatory.perfarchive.Esmond.withEventType;
import static org.observatory.perfarchive.Esmond.writer;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BadInputTest {

    private static void rejectsPoint(String key, String eventType, String body, String reason) {
        writer().contentType("application/json").body(body).post(ROOT + "/" + key + "/" + eventType + "/base")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString(reason));
    }

    @Test
    void rejectsMalformedJson() {
        writer().contentType("application/json").body("{\"subject-type\": ").post(ROOT + "/")
                .then().statusCode(400).body("detail", containsString("not valid JSON"));
        String key = create(withEventType(metadata("bad/json", "198.51.100.1", "198.51.100.2"), "throughput"));
        writer().contentType("application/json").body("{\"data\": [").put(ROOT + "/" + key + "/")
                .then().statusCode(400);
        rejectsPoint(key, "throughput", "[1, 2]", "JSON object");
    }

    @Test
    void rejectsMalformedNumbersInQueryParametersNamingTheParameter() {
        String key = create(withEventType(metadata("bad/query", "198.51.100.3", "198.51.100.4"), "throughput"));
        String base = ROOT + "/" + key + "/throughput/base";
        for (String[] bad : List.of(new String[]{"time-start", "yesterday"}, new String[]{"time", "NaN"},
                new String[]{"time-end", "0x10"}, new String[]{"limit", "ten"}, new String[]{"offset", "1.5"},
                new String[]{"limit", "99999999999"})) {
            given().queryParam(bad[0], bad[1]).get(base).then().statusCode(400)
                    .contentType("application/problem+json").body("detail", containsString(bad[0]));
        }
        given().queryParam("time-start", "1.7e9").get(base).then().statusCode(200);
        given().queryParam("summary-window", "a day").get(ROOT + "/").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("summary-window"));
        given().queryParam("offset", "-").get(ROOT + "/").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("offset"));
    }

    @Test
    void rejectsMetadataWithoutSource() {
        Map<String, Object> body = metadata("bad/nosource", "198.51.100.1", "198.51.100.2");
        body.remove("source");
        writer().contentType("application/json").body(body).post(ROOT + "/")
                .then().statusCode(400).body("detail", containsString("source"));
        Map<String, Object> nullSource = metadata("bad/nosource", "198.51.100.1", "198.51.100.2");
        nullSource.put("source", null);
        writer().contentType("application/json").body(nullSource).post(ROOT + "/").then().statusCode(400);
        given().queryParam("tool-name", "bad/nosource").get(ROOT + "/").then().body("$", empty());
    }

    @Test
    void rejectsUnknownEventTypesAndSummariesATypeDoesNotAllow() {
        writer().contentType("application/json")
                .body(withEventType(metadata("bad/types", "198.51.100.3", "198.51.100.4"), "throughput-of-pigeons"))
                .post(ROOT + "/").then().statusCode(400).body("detail", containsString("unknown event type"));
        writer().contentType("application/json")
                .body(withEventType(metadata("bad/types", "198.51.100.3", "198.51.100.4"), "throughput", "statistics:300"))
                .post(ROOT + "/").then().statusCode(400).body("detail", containsString("cannot have a statistics summary"));
        writer().contentType("application/json")
                .body(withEventType(metadata("bad/types", "198.51.100.3", "198.51.100.4"), "packet-trace", "aggregation:300"))
                .post(ROOT + "/").then().statusCode(400);
        writer().contentType("application/json")
                .body(withEventType(metadata("bad/types", "198.51.100.3", "198.51.100.4"), "packet-loss-rate", "average:300"))
                .post(ROOT + "/").then().statusCode(400);
        writer().contentType("application/json")
                .body(withEventType(metadata("bad/types", "198.51.100.3", "198.51.100.4"), "throughput", "aggregation:soon"))
                .post(ROOT + "/").then().statusCode(400).body("detail", containsString("summary-window"));
        String key = create(withEventType(metadata("bad/types", "198.51.100.3", "198.51.100.4"), "throughput"));
        given().get(ROOT + "/" + key + "/throughput/statistics").then().statusCode(400)
                .body("detail", containsString("no statistics summary"));
        given().get(ROOT + "/" + key + "/throughput/aggregations/60").then().statusCode(404);
        given().get(ROOT + "/" + key + "/histogram-rtt/base").then().statusCode(404);
        given().get(ROOT + "/" + key + "/made-up/base").then().statusCode(400);
        given().get(ROOT + "/0000000000000000000000000000FFFF/").then().statusCode(404);
        rejectsPoint(key, "made-up", "{\"ts\": 1, \"val\": 1}", "unknown event type");
    }

    @Test
    void rejectsValuesOfTheWrongShape() {
        String key = create(withEventType(withEventType(withEventType(withEventType(
                metadata("bad/values", "198.51.100.5", "198.51.100.6"), "throughput"), "packet-loss-rate"),
                "histogram-owdelay", "statistics:0"), "throughput-subintervals"));
        // esmond's int() truncates 1.5 (EsmondCoercionTest); text with a fraction it refuses.
        rejectsPoint(key, "throughput", "{\"ts\": 100, \"val\": \"1.5\"}", "must be an integer");
        rejectsPoint(key, "throughput", "{\"ts\": 100, \"val\": \"fast\"}", "must be an integer");
        rejectsPoint(key, "throughput", "{\"ts\": 100}", "val: is missing");
        rejectsPoint(key, "histogram-owdelay", "{\"ts\": 100, \"val\": {\"1.5\": -1}}", "integer >= 0");
        rejectsPoint(key, "histogram-owdelay", "{\"ts\": 100, \"val\": {\"1.5\": \"2.5\"}}", "must be an integer");
        rejectsPoint(key, "histogram-owdelay", "{\"ts\": 100, \"val\": [1, 2]}", "bucket -> count");
        rejectsPoint(key, "packet-loss-rate", "{\"ts\": 100, \"val\": {\"numerator\": 1, \"denominator\": 0}}", "denominator");
        rejectsPoint(key, "packet-loss-rate", "{\"ts\": 100, \"val\": {\"numerator\": -1, \"denominator\": 5}}", "numerator");
        rejectsPoint(key, "packet-loss-rate", "{\"ts\": 100, \"val\": 0.5}", "numerator and denominator");
        rejectsPoint(key, "throughput-subintervals", "{\"ts\": 100, \"val\": []}", "non-empty");
        rejectsPoint(key, "throughput-subintervals", "{\"ts\": 100, \"val\": [{\"start\": 0, \"val\": 1}]}", "val[0].duration");
        rejectsPoint(key, "throughput", "{\"ts\": -5, \"val\": 1}", "out of range");
        rejectsPoint(key, "throughput", "{\"ts\": 99999999999999, \"val\": 1}", "out of range");
        rejectsPoint(key, "throughput", "{\"ts\": \"yesterday\", \"val\": 1}", "ts");
        // Strings that are integers are accepted, as esmond does.
        writer().contentType("application/json").body("{\"ts\": \"200\", \"val\": {\"2\": \"3\"}}")
                .post(ROOT + "/" + key + "/histogram-owdelay/base").then().statusCode(201);
        given().get(ROOT + "/" + key + "/throughput/base").then().body("$", empty());
        given().get(ROOT + "/" + key + "/histogram-owdelay/base").then().body("ts", equalTo(List.of(200)));
    }

    @Test
    void storesNothingFromABulkWriteWithOneBadValue() {
        String key = create(withEventType(metadata("bad/bulk", "198.51.100.7", "198.51.100.8"), "packet-count-sent",
                "aggregation:60"));
        writer().contentType("application/json").body(Map.of("data", List.of(
                        Map.of("ts", 60, "val", List.of(Map.of("event-type", "packet-count-sent", "val", 10))),
                        Map.of("ts", 120, "val", List.of(Map.of("event-type", "packet-count-sent", "val", "lots"))))))
                .put(ROOT + "/" + key + "/").then().statusCode(400).body("detail", containsString("data[1].val[0].val"));
        writer().contentType("application/json").body(Map.of("data", List.of(
                        Map.of("ts", 60, "val", List.of(Map.of("event-type", "packet-count-sent", "val", 10))),
                        Map.of("ts", 120, "val", List.of(Map.of("val", 1))))))
                .put(ROOT + "/" + key + "/").then().statusCode(400).body("detail", containsString("event-type"));
        writer().contentType("application/json").body(Map.of("points", List.of()))
                .put(ROOT + "/" + key + "/").then().statusCode(400);
        given().get(ROOT + "/" + key + "/packet-count-sent/base").then().body("$", empty());
        given().get(ROOT + "/" + key + "/packet-count-sent/aggregations/60").then().body("$", empty());
    }

    @Test
    void refusesOversizedBodies() throws Exception {
        String key = create(withEventType(metadata("bad/size", "198.51.100.9", "198.51.100.10"), "failures"));
        // Announce 20 MB and send none of it: the server must refuse on the header alone.
        String token = io.quarkus.test.oidc.server.OidcWiremockTestResource.getAccessToken("alice",
                java.util.Set.of("measurements:write"));
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", io.restassured.RestAssured.port)) {
            String request = "POST " + ROOT + "/" + key + "/failures/base HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + token + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 20000000\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII)).readLine();
            org.junit.jupiter.api.Assertions.assertEquals("HTTP/1.1 413 Request Entity Too Large", status);
        }
        given().get(ROOT + "/" + key + "/failures/base").then().body("$", empty());
    }

    @Test
    void writesToUnknownMetadataAre404() {
        writer().contentType("application/json").body("{\"ts\": 1, \"val\": 1}")
                .post(ROOT + "/0000000000000000000000000000AAAA/throughput/base").then().statusCode(404);
    }

    @Test
    void rejectsAddressesThatAreNotHostNamesOrIpLiterals() {
        for (Object address : new Object[] {12345, true, "../../etc/passwd", "http://host.example/", "999.1.1.1", "a b", ""}) {
            Map<String, Object> body = metadata("bad/address", "198.51.100.1", "198.51.100.2");
            body.put("source", address);
            writer().contentType("application/json").body(body).post(ROOT + "/")
                    .then().statusCode(400).contentType("application/problem+json");
        }
        Map<String, Object> agent = metadata("bad/address", "198.51.100.1", "198.51.100.2");
        agent.put("measurement-agent", "../../etc/passwd");
        writer().contentType("application/json").body(agent).post(ROOT + "/")
                .then().statusCode(400).body("errors[0].field", equalTo("measurement-agent"));
        given().queryParam("tool-name", "bad/address").get(ROOT + "/").then().body("$", empty());
        Map<String, Object> named = metadata("good/address", "perfsonar-1.example.org", "2001:db8::1");
        writer().contentType("application/json").body(named).post(ROOT + "/").then().statusCode(201);
    }

    @Test
    void rejectsNulCharactersInMetadataFields() {
        Map<String, Object> body = metadata("bad/nul", "198.51.100.1", "198.51.100.2");
        body.put("tool-name", "bwctl/iperf3\u0000");
        writer().contentType("application/json").body(body).post(ROOT + "/")
                .then().statusCode(400).contentType("application/problem+json");
        Map<String, Object> parameter = metadata("bad/nul", "198.51.100.1", "198.51.100.2");
        parameter.put("time-duration\u0000", "20");
        writer().contentType("application/json").body(parameter).post(ROOT + "/")
                .then().statusCode(400).contentType("application/problem+json");
        given().urlEncodingEnabled(false).queryParam("tool-name", "bad%00").get(ROOT + "/").then().statusCode(400);
    }

    @Test
    void answersAKeyRequestThatIsNotAnObjectWithProblemJson() {
        for (String body : new String[] {"[1,2]", "\"alice\"", "42", "{} xyz", "{\"username\":\"a\u0000b\"}"}) {
            Esmond.admin().contentType("application/json").body(body).post("/perf/keys")
                    .then().statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
        }
    }
}
