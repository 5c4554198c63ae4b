package org.observatory.perfarchive;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.observatory.perfarchive.Esmond.ROOT;
import static org.observatory.perfarchive.Esmond.admin;
import static org.observatory.perfarchive.Esmond.writer;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * pScheduler's http archiver (perfSONAR 5) posting result documents, read back through the esmond API as if
 * pScheduler's esmond archiver had written them.
 */
@QuarkusTest
class PschedulerArchiverTest {

    @TestHTTPResource(value = "/", management = true)
    java.net.URL management;


    static final String RUNS = "/perf/pscheduler/runs";

    static String fixture(String name) {
        try (InputStream in = PschedulerArchiverTest.class.getResourceAsStream("/pscheduler/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RequestSpecification doubles() {
        return given().config(RestAssured.config().jsonConfig(JsonConfig.jsonConfig()
                .numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE)));
    }

    /** Posts a fixture as the http archiver does (bearer writer), answering the response. */
    private static ValidatableResponse archive(String fixture, String observer) {
        return writer().header("x-ps-observer", observer).contentType("application/json").body(fixture(fixture))
                .post(RUNS).then();
    }

    /** The one metadata the esmond API finds for this filter. */
    private static String metadataKey(Map<String, String> filter) {
        return given().queryParams(filter).get(ROOT + "/").then().statusCode(200)
                .body("$", hasSize(1)).extract().path("[0].'metadata-key'");
    }

    private static long ts(String iso) {
        return Instant.parse(iso).getEpochSecond();
    }

    @Test
    void udpThroughputIsStoredAsTheEsmondArchiverWouldHaveWithItsFractionTruncated() {
        archive("throughput-udp.json", "198.51.100.20").statusCode(201)
                .body("status", equalTo("mapped")).body("run", equalTo("6f1c2a7e-0b9d-4c55-9a43-1d2e3f405161"));
        String key = metadataKey(Map.of("pscheduler-test-type", "throughput", "source", "198.51.100.20",
                "ip-transport-protocol", "udp"));
        given().get(ROOT + "/" + key + "/").then().statusCode(200)
                .body("'subject-type'", equalTo("point-to-point"))
                .body("destination", equalTo("198.51.100.21"))
                .body("'measurement-agent'", equalTo("198.51.100.20"))
                .body("'input-destination'", equalTo("198.51.100.21"))
                .body("'tool-name'", equalTo("pscheduler/iperf3"))
                .body("'time-duration'", equalTo("20.0"))
                .body("'bw-target-bandwidth'", equalTo("50000000"))
                .body("'pscheduler-reference-display-task-name'", equalTo("UDP mesh"))
                .body("'pscheduler-reference-psconfig-created-by-uuid'", equalTo("A1B2"))
                .body("$", not(org.hamcrest.Matchers.hasKey("pscheduler-reference-psconfig-created-by-_secret")))
                .body("'event-types'.'event-type'", containsInAnyOrder("failures", "throughput", "throughput-subintervals",
                        "packet-loss-rate", "packet-count-lost", "packet-count-sent", "pscheduler-run-href"))
                .body("'event-types'.find { it.'event-type' == 'throughput' }.summaries.'summary-type'", contains("average"))
                .body("'event-types'.find { it.'event-type' == 'packet-loss-rate' }.summaries.'summary-window'",
                        containsInAnyOrder("300", "3600", "86400"));
        long ts = ts("2026-11-30T10:00:05Z");
        given().get(ROOT + "/" + key + "/throughput/base").then().body("ts", contains((int) ts)).body("val", contains(49554301));
        doubles().get(ROOT + "/" + key + "/throughput/averages/86400").then().body("val[0]", closeTo(49554301.0, 0.001));
        given().get(ROOT + "/" + key + "/packet-count-sent/base").then().body("val", contains(4278));
        given().get(ROOT + "/" + key + "/packet-count-lost/base").then().body("val", contains(12));
        doubles().get(ROOT + "/" + key + "/packet-loss-rate/base").then().body("val[0]", closeTo(12.0 / 4278, 0.0001));
        doubles().get(ROOT + "/" + key + "/throughput-subintervals/base").then()
                .body("val[0].start", contains(0, 1.000119))
                .body("val[0].duration", contains(closeTo(1.000119, 1e-12), closeTo(2.000062 - 1.000119, 1e-12)))
                .body("val[0].val", contains(closeTo(49994035.5, 1e-6), closeTo(50001214.25, 1e-6)));
        given().get(ROOT + "/" + key + "/pscheduler-run-href/base").then()
                .body("val[0].href", containsString("/runs/6f1c2a7e-0b9d-4c55-9a43-1d2e3f405161"));
        given().get(ROOT + "/" + key + "/failures/base").then().body("$", empty());
    }

    @Test
    void aRetriedRunStoresNothingTwice() {
        archive("throughput-tcp-parallel.json", "198.51.100.22").statusCode(201).body("status", equalTo("mapped"));
        // The archiver retries when it saw no 2xx, with POST or (op: put) PUT.
        archive("throughput-tcp-parallel.json", "198.51.100.22").statusCode(200).body("status", equalTo("duplicate"))
                .body("points", equalTo(0));
        writer().header("x-ps-observer", "198.51.100.22").contentType("application/json")
                .body(fixture("throughput-tcp-parallel.json")).put(RUNS).then().statusCode(200);
        String key = metadataKey(Map.of("pscheduler-test-type", "throughput", "source", "198.51.100.22"));
        given().get(ROOT + "/" + key + "/").then()
                .body("'ip-transport-protocol'", equalTo("tcp"))
                .body("'bw-parallel-streams'", equalTo("2"))
                .body("'bw-ignore-first-seconds'", equalTo("PT5S"))
                .body("'event-types'.'event-type'", hasItems("streams-throughput", "streams-throughput-subintervals",
                        "packet-retransmits", "packet-retransmits-subintervals", "streams-packet-retransmits",
                        "streams-packet-retransmits-subintervals", "packet-rtt", "tcp-windowsize"));
        given().get(ROOT + "/" + key + "/throughput/base").then().body("val", contains(9412345678L));
        doubles().get(ROOT + "/" + key + "/throughput/averages/86400").then().body("val", contains(closeTo(9412345678.0, 0.001)));
        given().get(ROOT + "/" + key + "/packet-retransmits/base").then().body("val", contains(17));
        given().get(ROOT + "/" + key + "/packet-rtt/base").then().body("val", contains(2150));
        given().get(ROOT + "/" + key + "/tcp-windowsize/base").then().body("val", contains(3145728));
        // Streams sorted by id; a stream with 0 retransmits is left out, as the archiver does.
        doubles().get(ROOT + "/" + key + "/streams-throughput/base").then()
                .body("val[0]", contains(closeTo(4706345678.5, 1e-6), closeTo(4706000000.4, 1e-6)));
        given().get(ROOT + "/" + key + "/streams-packet-retransmits/base").then().body("val[0]", contains(17));
        doubles().get(ROOT + "/" + key + "/streams-packet-retransmits-subintervals/base").then()
                .body("val[0]", hasSize(2)).body("val[0][0].val", contains(0)).body("val[0][1].val", contains(10));
        given().get(ROOT + "/" + key + "/packet-retransmits-subintervals/base").then()
                .body("val[0]", equalTo(List.of(Map.of("start", 0, "duration", 1, "val", 10))));
    }

    @Test
    void latencybgKeepsHistogramsLossDuplicatesReordersTtlAndClockError() {
        archive("latencybg.json", "198.51.100.24").statusCode(201);
        String key = metadataKey(Map.of("pscheduler-test-type", "latencybg", "source", "198.51.100.24"));
        given().get(ROOT + "/" + key + "/").then()
                .body("'sample-size'", equalTo("600"))
                .body("'sample-bucket-width'", equalTo("0.001"))
                .body("'time-probe-interval'", equalTo("0.1"))
                .body("'mode-flip'", equalTo("False"))
                .body("'tool-name'", equalTo("pscheduler/powstream"))
                .body("'event-types'.find { it.'event-type' == 'histogram-owdelay' }.summaries", hasSize(7));
        given().get(ROOT + "/" + key + "/histogram-owdelay/base").then()
                .body("val[0]", equalTo(Map.of("-0.21", 3, "0.15", 590, "0.16", 5)));
        doubles().get(ROOT + "/" + key + "/histogram-owdelay/statistics/0").then()
                .body("val[0].minimum", closeTo(-0.21, 1e-9)).body("val[0].maximum", closeTo(0.16, 1e-9))
                .body("val[0].mode", contains(closeTo(0.15, 1e-9)));
        given().get(ROOT + "/" + key + "/histogram-ttl/base").then().body("val[0]", equalTo(Map.of("253", 598)));
        given().get(ROOT + "/" + key + "/packet-count-sent/base").then().body("val", contains(600));
        given().get(ROOT + "/" + key + "/packet-count-lost/base").then().body("val", contains(2));
        given().get(ROOT + "/" + key + "/packet-duplicates/base").then().body("val", contains(1));
        given().get(ROOT + "/" + key + "/packet-reorders/base").then().body("val", contains(0));
        doubles().get(ROOT + "/" + key + "/time-error-estimates/base").then().body("val", contains(closeTo(1.92, 1e-9)));
        doubles().get(ROOT + "/" + key + "/packet-loss-rate/aggregations/3600").then().body("val", contains(closeTo(2.0 / 600, 1e-4)));
    }

    @Test
    void rttBuildsMillisecondHistogramsFromTheRoundTrips() {
        archive("rtt.json", "198.51.100.30").statusCode(201);
        String key = metadataKey(Map.of("pscheduler-test-type", "rtt", "destination", "198.51.100.31"));
        given().get(ROOT + "/" + key + "/").then()
                .body("source", equalTo("198.51.100.30"))
                .body("'input-source'", equalTo("198.51.100.30"))
                .body("'time-probe-interval'", equalTo("1.0"))
                .body("'sample-size'", equalTo("5"))
                .body("'ip-packet-size'", equalTo("64"));
        given().get(ROOT + "/" + key + "/histogram-rtt/base").then()
                .body("val[0]", equalTo(Map.of("0.33", 2, "0.42", 1, "0.62", 1, "0.41", 1)));
        given().get(ROOT + "/" + key + "/histogram-ttl-reverse/base").then().body("val[0]", equalTo(Map.of("64", 4, "63", 1)));
        given().get(ROOT + "/" + key + "/packet-count-sent/base").then().body("val", contains(5));
        given().get(ROOT + "/" + key + "/packet-count-lost-bidir/base").then().body("val", contains(0));
        given().get(ROOT + "/" + key + "/packet-duplicates-bidir/base").then().body("val", contains(0));
        doubles().get(ROOT + "/" + key + "/packet-loss-rate-bidir/base").then().body("val", contains(0.0));
    }

    @Test
    void traceKeepsHopsAndThePathMtu() {
        archive("trace.json", "198.51.100.40").statusCode(201);
        String key = metadataKey(Map.of("pscheduler-test-type", "trace", "source", "198.51.100.40"));
        given().get(ROOT + "/" + key + "/").then()
                .body("'ip-transport-protocol'", equalTo("udp")).body("'time-probe-interval'", equalTo("0.5"));
        doubles().get(ROOT + "/" + key + "/packet-trace/base").then()
                .body("val[0].ttl", contains(1, 2, 3, 4))
                .body("val[0].success", contains(1, 0, 1, 1))
                .body("val[0].'error-message'", contains(null, "no-reply", null, null))
                .body("val[0].mtu", contains(9000, 9000, 1500, 1500))
                .body("val[0].rtt", contains(closeTo(0.5, 1e-9), equalTo(null), closeTo(12.3, 1e-9), closeTo(12.5, 1e-9)))
                .body("val[0][2].as.number", equalTo(64500))
                .body("val[0][2].hostname", equalTo("r3.example.net"));
        given().get(ROOT + "/" + key + "/path-mtu/base").then().body("val", contains(1500));
    }

    @Test
    void aFailedRunIsStoredAsFailures() {
        archive("throughput-failed.json", "198.51.100.50").statusCode(201);
        String key = metadataKey(Map.of("pscheduler-test-type", "throughput", "source", "198.51.100.50"));
        given().get(ROOT + "/" + key + "/failures/base").then()
                .body("ts", contains((int) ts("2026-11-30T18:00:00Z")))
                .body("val[0].error", containsString("unable to connect"));
        given().get(ROOT + "/" + key + "/throughput/base").then().body("$", empty());
    }

    @Test
    void anUnknownTestTypeIsStoredAsPschedulerRaw() {
        archive("dns.json", "198.51.100.60").statusCode(201).body("status", equalTo("mapped"));
        String key = metadataKey(Map.of("pscheduler-test-type", "dns", "source", "198.51.100.60"));
        given().get(ROOT + "/" + key + "/").then()
                .body("'subject-type'", equalTo("network-element"))
                .body("'pscheduler-dns-query'", equalTo("www.example.org"))
                .body("'pscheduler-dns-nameserver'", equalTo("192.0.2.53"))
                .body("'event-types'.'event-type'", containsInAnyOrder("pscheduler-raw", "pscheduler-run-href"));
        given().get(ROOT + "/" + key + "/pscheduler-raw/base").then()
                .body("val[0].record[0].address", equalTo("192.0.2.80")).body("val[0].time", equalTo("PT0.0043S"));
    }

    @Test
    void aKnownTypeWithAMalformedResultIsKeptRawAndReported() {
        archive("trace-malformed.json", "198.51.100.70").statusCode(202)
                .body("status", equalTo("raw")).body("problem", containsString("paths"));
        String key = metadataKey(Map.of("pscheduler-test-type", "trace", "source", "198.51.100.70"));
        given().get(ROOT + "/" + key + "/pscheduler-raw/base").then().body("val[0].paths", equalTo("unreachable"));
        admin().get("/perf/ingest-failures").then().statusCode(200)
                .body("find { it.subject == 'd08393e5-7264-42cc-8aba-8495a6b7c8d8' }.reason", equalTo("malformed-result"))
                .body("find { it.subject == 'd08393e5-7264-42cc-8aba-8495a6b7c8d8' }.status", equalTo(202));
    }

    @Test
    void basicAuthWithAKeyAndBearerWithTheWriteRoleMayArchive() {
        String secret = admin().contentType("application/json").body(Map.of("username", "ps5-host")).post("/perf/keys")
                .then().statusCode(201).extract().path("key");
        String run = fixture("rtt.json").replace("9c4f5da1-3e20-4f88-8d76-405162738494", "9c4f5da1-3e20-4f88-8d76-000000000001");
        given().header("Authorization", basic("perfsonar", secret)).contentType("application/json").body(run)
                .post(RUNS).then().statusCode(201);
        given().header("Authorization", basic("perfsonar", "0123456789abcdef0123456789abcdef01234567"))
                .contentType("application/json").body(run).post(RUNS).then().statusCode(401);
        given().header("Authorization", "Basic !!!").contentType("application/json").body(run).post(RUNS).then().statusCode(401);
        given().contentType("application/json").body(run).post(RUNS).then().statusCode(401);
        String reader = OidcWiremockTestResource.getAccessToken("bob", Set.of("logs:write"));
        given().header("Authorization", "Bearer " + reader).contentType("application/json").body(run).post(RUNS).then().statusCode(403);
        admin().get("/perf/ingest-failures?limit=1000").then()
                .body("findAll { it.endpoint == 'pscheduler-run' }.reason", hasItems("unauthenticated", "forbidden"));
    }

    @Test
    void aBodyThatIsNoPschedulerResultIsA400NamingWhatIsMissing() {
        refused("{}", "id");
        refused("{\"id\": \"not-a-uuid\"}", "id");
        refused("{\"id\": \"e19404f6-8375-43dd-8bcb-95a6b7c8d9e9\"}", "test");
        refused(fixture("rtt.json").replace("\"type\": \"rtt\", ", ""), "test.type");
        refused(fixture("rtt.json").replace("\"participants\": [\"198.51.100.30\"],", ""), "participants");
        refused(fixture("rtt.json").replace("\"start\": \"2026-11-30T10:02:00Z\"", "\"start\": \"yesterday\""), "schedule.start");
        refused(fixture("rtt.json").replace("\"participants\": [\"198.51.100.30\"]", "\"participants\": [null]"), "participants[0]");
        refused(fixture("dns.json").replace("cf7282d4-6153-41bb-9fa9-738495a6b7c7", "cf7282d4-6153-41bb-9fa9-000000000002").replaceAll("\"result\": \\{.*\\}\\]\\},", "\"result\": [1],"), "result");
        refused("[1, 2]", "JSON object");
        refused("{\"id\": ", "not valid JSON");
        given().get(ROOT + "/").then().body("'pscheduler-test-type'", not(hasItem("e19404f6")));
        admin().get("/perf/ingest-failures?limit=1000").then()
                .body("findAll { it.endpoint == 'pscheduler-run' }.reason", hasItems("invalid", "malformed-json"));
    }

    @Test
    void aBodyOverTheLimitIsA413() {
        String big = fixture("dns.json").replace("\"succeeded\": true", "\"succeeded\": true, \"pad\": \"" + "x".repeat(70_000) + "\"");
        writer().contentType("application/json").body(big).post(RUNS).then().statusCode(413)
                .contentType("application/problem+json");
        admin().get("/perf/ingest-failures?limit=1000").then()
                .body("findAll { it.endpoint == 'pscheduler-run' }.reason", hasItem("too-large"));
    }

    @Test
    void refusedEsmondWritesAreCountedAndListed() {
        String key = Esmond.create(Esmond.withEventType(Esmond.metadata("ingest/refused", "198.51.100.80", "198.51.100.81"),
                "packet-count-sent"));
        writer().contentType("application/json").body("{\"data\": [{\"ts\": 1, \"val\": [{\"event-type\": \"packet-count-sent\", \"val\": \"lots\"}]}]}")
                .put(ROOT + "/" + key + "/").then().statusCode(400);
        admin().get("/perf/ingest-failures?limit=1000").then().statusCode(200)
                .body("find { it.subject == '" + key + "' }.endpoint", equalTo("bulk"))
                .body("find { it.subject == '" + key + "' }.reason", equalTo("invalid"))
                .body("find { it.subject == '" + key + "' }.agent", equalTo("alice"))
                .body("find { it.subject == '" + key + "' }.detail", containsString("data[0].val[0].val"));
        writer().get("/perf/ingest-failures").then().statusCode(403);
        String metrics = given().baseUri("http://" + management.getHost() + ":" + management.getPort()).get("/q/metrics").then().statusCode(200).extract().asString();
        assertEquals(true, metrics.contains("perf_archive_ingest_refused_total{endpoint=\"bulk\",reason=\"invalid\"}"), metrics.lines()
                .filter(l -> l.contains("ingest")).toList().toString());
        assertEquals(false, metrics.contains(key));
    }

    @Test
    void runsReadThroughTheEsmondClientsPaging() {
        archive("dns.json", "198.51.100.60");
        // The esmond client reads data with limit=1000 and pages by time-start = last ts + 1.
        String key = metadataKey(Map.of("pscheduler-test-type", "dns", "source", "198.51.100.60"));
        given().queryParam("limit", 1000).queryParam("time-start", ts("2026-11-30T10:20:00Z") + 1)
                .get(ROOT + "/" + key + "/pscheduler-raw/base").then().body("$", empty());
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static void refused(String body, String named) {
        writer().contentType("application/json").body(body).post(RUNS).then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString(named));
    }
}
