package org.observatory.perfarchive;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.observatory.perfarchive.Esmond.ROOT;
import static org.observatory.perfarchive.Esmond.create;
import static org.observatory.perfarchive.Esmond.metadata;
import static org.observatory.perfarchive.Esmond.post;
import static org.observatory.perfarchive.Esmond.withEventType;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MetadataSearchTest {

    @Test
    void filtersOnEverySubjectField() {
        String tool = "search/fields";
        Map<String, Object> a = withEventType(metadata(tool, "192.0.2.1", "192.0.2.2"), "throughput", "average:3600");
        a.put("input-source", "a.example.org");
        String keyA = create(a);
        Map<String, Object> b = withEventType(metadata(tool, "192.0.2.3", "192.0.2.4"), "histogram-owdelay", "statistics:0");
        b.put("input-destination", "b.example.org");
        b.put("measurement-agent", "192.0.2.99");
        String keyB = create(b);
        search(Map.of("tool-name", tool)).body("'metadata-key'", containsInAnyOrder(keyA, keyB));
        search(Map.of("tool-name", tool, "source", "192.0.2.1")).body("'metadata-key'", contains(keyA));
        search(Map.of("tool-name", tool, "destination", "192.0.2.4")).body("'metadata-key'", contains(keyB));
        search(Map.of("tool-name", tool, "measurement-agent", "192.0.2.99")).body("'metadata-key'", contains(keyB));
        search(Map.of("tool-name", tool, "input-source", "a.example.org")).body("'metadata-key'", contains(keyA));
        search(Map.of("tool-name", tool, "input-destination", "b.example.org")).body("'metadata-key'", contains(keyB));
        search(Map.of("tool-name", tool, "subject-type", "point-to-point")).body("'metadata-key'", hasSize(2));
        search(Map.of("metadata-key", keyA)).body("'metadata-key'", contains(keyA));
        search(Map.of("tool-name", tool, "event-type", "histogram-owdelay")).body("'metadata-key'", contains(keyB));
        search(Map.of("tool-name", tool, "summary-type", "average")).body("'metadata-key'", contains(keyA));
        search(Map.of("tool-name", tool, "summary-type", "statistics", "summary-window", "0")).body("'metadata-key'", contains(keyB));
        search(Map.of("tool-name", tool, "summary-type", "average", "summary-window", "60")).body("$", empty());
    }

    @Test
    void filtersOnFreeFormParameters() {
        String tool = "search/params";
        Map<String, Object> udp = withEventType(metadata(tool, "192.0.2.11", "192.0.2.12"), "throughput");
        udp.put("ip-transport-protocol", "udp");
        udp.put("pscheduler-test-type", "throughput");
        String udpKey = create(udp);
        Map<String, Object> tcp = withEventType(metadata(tool, "192.0.2.11", "192.0.2.12"), "throughput");
        tcp.put("ip-transport-protocol", "tcp");
        create(tcp);
        search(Map.of("tool-name", tool, "ip-transport-protocol", "udp")).body("'metadata-key'", contains(udpKey));
        search(Map.of("tool-name", tool, "pscheduler-test-type", "throughput", "ip-transport-protocol", "udp"))
                .body("'metadata-key'", contains(udpKey));
        search(Map.of("tool-name", tool, "no-such-parameter", "x")).body("$", empty());
    }

    @Test
    void resolvesHostNamesByDnsMatchRule() {
        String tool = "search/dns";
        String local = create(withEventType(metadata(tool, "127.0.0.1", "192.0.2.20"), "packet-rtt"));
        create(withEventType(metadata(tool, "192.0.2.21", "192.0.2.20"), "packet-rtt"));
        search(Map.of("tool-name", tool, "source", "localhost")).body("'metadata-key'", contains(local));
        search(Map.of("tool-name", tool, "source", "localhost", "dns-match-rule", "only-v4")).body("'metadata-key'", contains(local));
        search(Map.of("tool-name", tool, "source", "localhost", "dns-match-rule", "prefer-v4")).body("'metadata-key'", contains(local));
        search(Map.of("tool-name", tool, "source", "localhost", "dns-match-rule", "only-v6")).body("$", empty());
        given().queryParam("source", "localhost").queryParam("dns-match-rule", "v5").get(ROOT + "/")
                .then().statusCode(400).body("detail", containsString("dns-match-rule"));
    }

    @Test
    void filtersOnTheLastUpdateOfEventTypes() {
        String tool = "search/time";
        long before = Instant.now().getEpochSecond() - 5;
        String written = create(withEventType(metadata(tool, "192.0.2.31", "192.0.2.32"), "packet-count-sent"));
        create(withEventType(metadata(tool, "192.0.2.33", "192.0.2.32"), "packet-count-sent"));
        post(written, "packet-count-sent", 1_000_000, 600);
        search(Map.of("tool-name", tool, "time-start", String.valueOf(before))).body("'metadata-key'", contains(written));
        search(Map.of("tool-name", tool, "time-end", "1000")).body("$", empty());
        search(Map.of("tool-name", tool, "time-range", "3600")).body("'metadata-key'", contains(written));
    }

    @Test
    void pagesTheMetadataListWithCountTotalAndOffsets() {
        String tool = "search/paging";
        for (int i = 0; i < 5; i++) {
            create(withEventType(metadata(tool, "192.0.2." + (40 + i), "192.0.2.50"), "throughput"));
        }
        search(Map.of("tool-name", tool, "limit", "2"))
                .body("$", hasSize(2))
                .body("[0].'metadata-count-total'", equalTo(5))
                .body("[0].'metadata-previous-page'", nullValue())
                .body("[0].'metadata-next-page'", containsString("offset=2"))
                .body("[1].'metadata-count-total'", nullValue());
        search(Map.of("tool-name", tool, "limit", "2", "offset", "4"))
                .body("$", hasSize(1))
                .body("[0].'metadata-count-total'", equalTo(5))
                .body("[0].'metadata-previous-page'", containsString("offset=2"))
                .body("[0].'metadata-next-page'", nullValue());
        given().queryParam("limit", 0).get(ROOT + "/").then().statusCode(400);
        given().queryParam("offset", "x").get(ROOT + "/").then().statusCode(400);
    }

    private static io.restassured.response.ValidatableResponse search(Map<String, String> query) {
        return given().queryParams(query).when().get(ROOT + "/").then().statusCode(200)
                .header("Content-Type", "application/json");
    }
}
