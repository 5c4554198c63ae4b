package org.observatory.perfarchive;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.observatory.perfarchive.Esmond.ROOT;
import static org.observatory.perfarchive.Esmond.create;
import static org.observatory.perfarchive.Esmond.metadata;
import static org.observatory.perfarchive.Esmond.post;
import static org.observatory.perfarchive.Esmond.withEventType;
import static org.observatory.perfarchive.Esmond.writer;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ArchiveApiTest {

    @Test
    void createsMetadataInEsmondsShape() {
        Map<String, Object> body = withEventType(metadata("shape/iperf3", "198.129.254.30", "198.124.252.141"),
                "throughput", "aggregation:86400", "average:3600");
        body.put("ip-transport-protocol", "tcp");
        body.put("time-duration", 20);
        String key = writer().contentType("application/json").body(body).when().post(ROOT + "/")
                .then().statusCode(201)
                .header("Content-Type", "application/json")
                .body("'metadata-key'", matchesPattern("[0-9A-F]{32}"))
                .body("uri", matchesPattern("/esmond/perfsonar/archive/[0-9A-F]{32}/"))
                .body("url", matchesPattern("http://[^/]+/esmond/perfsonar/archive/[0-9A-F]{32}/"))
                .body("'subject-type'", equalTo("point-to-point"))
                .body("source", equalTo("198.129.254.30"))
                .body("destination", equalTo("198.124.252.141"))
                .body("'tool-name'", equalTo("shape/iperf3"))
                .body("'ip-transport-protocol'", equalTo("tcp"))
                .body("'time-duration'", equalTo("20"))
                .body("'event-types'", hasSize(1))
                .body("'event-types'[0].'event-type'", equalTo("throughput"))
                .body("'event-types'[0].'time-updated'", nullValue())
                .body("'event-types'[0].summaries.'summary-type'", containsInAnyOrder("aggregation", "average"))
                .body("'event-types'[0].summaries.'summary-window'", containsInAnyOrder("86400", "3600"))
                .extract().path("metadata-key");
        given().when().get(ROOT + "/" + key + "/")
                .then().statusCode(200)
                .header("Content-Type", "application/json")
                .body("'metadata-key'", equalTo(key))
                .body("'event-types'[0].'base-uri'", equalTo(ROOT + "/" + key + "/throughput/base"))
                .body("'event-types'[0].summaries.find { it.'summary-type' == 'aggregation' }.uri",
                        equalTo(ROOT + "/" + key + "/throughput/aggregations/86400"));
    }

    @Test
    void answersGetsWithExactlyApplicationJson() {
        String key = create(withEventType(metadata("ctype/owamp", "10.0.0.1", "10.0.0.2"), "packet-count-sent"));
        for (String path : List.of(ROOT + "/", ROOT + "/" + key + "/", ROOT + "/" + key + "/packet-count-sent/",
                ROOT + "/" + key + "/packet-count-sent/base", ROOT + "/" + key + "/packet-count-sent/aggregations")) {
            String type = given().when().get(path).then().statusCode(200).extract().header("Content-Type");
            assertEquals("application/json", type, path);
        }
    }

    @Test
    void samePostFindsTheSameMetadata() {
        Map<String, Object> body = withEventType(metadata("dedup/powstream", "10.1.0.1", "10.1.0.2"), "histogram-owdelay",
                "aggregation:3600");
        String first = create(body);
        assertEquals(first, create(body));
        Map<String, Object> other = withEventType(metadata("dedup/powstream", "10.1.0.1", "10.1.0.3"), "histogram-owdelay",
                "aggregation:3600");
        assertNotEquals(first, create(other));
    }

    @Test
    void acceptsPathsWithAndWithoutTrailingSlash() {
        String key = create(withEventType(metadata("slash/ping", "10.2.0.1", "10.2.0.2"), "packet-rtt"));
        given().get(ROOT).then().statusCode(200);
        given().get(ROOT + "/" + key).then().statusCode(200).body("'metadata-key'", equalTo(key));
        given().get(ROOT + "/" + key + "/packet-rtt").then().statusCode(200).body("'event-type'", equalTo("packet-rtt"));
        given().get(ROOT + "/" + key + "/packet-rtt/base/").then().statusCode(200);
    }

    @Test
    void storesIntegersWithSumAndAverageSummaries() {
        String key = create(withEventType(metadata("int/iperf3", "10.3.0.1", "10.3.0.2"), "throughput",
                "aggregation:3600", "average:3600", "aggregation:0"));
        post(key, "throughput", 7200, 100);
        post(key, "throughput", 7300, 300);
        post(key, "throughput", 10800, 50);
        given().get(ROOT + "/" + key + "/throughput/base").then().statusCode(200)
                .body("ts", contains(7200, 7300, 10800)).body("val", contains(100, 300, 50));
        given().get(ROOT + "/" + key + "/throughput/aggregations/3600").then().statusCode(200)
                .body("ts", contains(7200, 10800)).body("val", contains(400, 50));
        given().get(ROOT + "/" + key + "/throughput/averages/3600").then().statusCode(200)
                .body("val", contains(200.0f, 50.0f));
        given().get(ROOT + "/" + key + "/throughput/aggregations/0").then().statusCode(200)
                .body("ts", contains(7200, 7300, 10800));
        given().get(ROOT + "/" + key + "/throughput/aggregations").then().statusCode(200)
                .body("'summary-window'", containsInAnyOrder("3600", "0"));
        given().get(ROOT + "/" + key + "/throughput/averages").then().statusCode(200)
                .body("'summary-window'", contains("3600"));
        given().get(ROOT + "/" + key + "/").then()
                .body("'event-types'[0].'time-updated'", notNullValue());
    }

    @Test
    void refusesADuplicateIntegerTimestampAndKeepsTheSummary() {
        String key = create(withEventType(metadata("dup/iperf3", "10.4.0.1", "10.4.0.2"), "packet-count-lost",
                "aggregation:60"));
        post(key, "packet-count-lost", 120, 5);
        writer().contentType("application/json").body(Map.of("ts", 120, "val", 7))
                .post(ROOT + "/" + key + "/packet-count-lost/base").then().statusCode(409)
                .body("detail", equalTo("A packet-count-lost point at ts 120 is already stored"));
        // A bulk write with one duplicate stores none of its points, and names the one stored before.
        writer().contentType("application/json").body(Map.of("data", List.of(
                        Map.of("ts", 125, "val", List.of(Map.of("event-type", "packet-count-lost", "val", 1))),
                        Map.of("ts", 120, "val", List.of(Map.of("event-type", "packet-count-lost", "val", 1))))))
                .put(ROOT + "/" + key + "/").then().statusCode(409)
                .body("detail", equalTo("A packet-count-lost point at ts 120 is already stored"));
        // A timestamp twice in one request is a duplicate too; the first occurrence would have been stored.
        writer().contentType("application/json").body(Map.of("data", List.of(
                        Map.of("ts", 130, "val", List.of(Map.of("event-type", "packet-count-lost", "val", 1))),
                        Map.of("ts", 130, "val", List.of(Map.of("event-type", "packet-count-lost", "val", 2))))))
                .put(ROOT + "/" + key + "/").then().statusCode(409)
                .body("detail", equalTo("A packet-count-lost point at ts 130 is already stored"));
        given().get(ROOT + "/" + key + "/packet-count-lost/base").then().body("ts", contains(120)).body("val", contains(5));
        given().get(ROOT + "/" + key + "/packet-count-lost/aggregations/60").then().body("val", contains(5));
    }

    @Test
    void storesFloatsWithSumAndAverage() {
        String key = create(withEventType(metadata("float/ntp", "10.5.0.1", "10.5.0.2"), "ntp-offset",
                "aggregation:300", "average:300"));
        post(key, "ntp-offset", 600, 0.25);
        post(key, "ntp-offset", 660, -0.125);
        post(key, "ntp-offset", 700, 1.0);
        given().get(ROOT + "/" + key + "/ntp-offset/base").then().body("val", contains(0.25f, -0.125f, 1.0f));
        given().get(ROOT + "/" + key + "/ntp-offset/aggregations/300").then().body("val", contains(1.125f));
        given().get(ROOT + "/" + key + "/ntp-offset/averages/300").then().body("val", contains(0.375f));
    }

    @Test
    void aggregatesPercentagesAsSummedNumeratorsOverSummedDenominators() {
        String key = create(withEventType(metadata("pct/owamp", "10.6.0.1", "10.6.0.2"), "packet-loss-rate",
                "aggregation:3600"));
        post(key, "packet-loss-rate", 3600, Map.of("numerator", 1, "denominator", 4));
        post(key, "packet-loss-rate", 3660, Map.of("numerator", 3, "denominator", 4));
        post(key, "packet-loss-rate", 3720, Map.of("numerator", 0, "denominator", 2));
        given().get(ROOT + "/" + key + "/packet-loss-rate/base").then().body("val", contains(0.25f, 0.75f, 0.0f));
        given().get(ROOT + "/" + key + "/packet-loss-rate/aggregations/3600").then().body("val", contains(0.4f));
    }

    @Test
    void mergesHistogramsAndComputesStatistics() {
        String key = create(withEventType(metadata("hist/powstream", "10.7.0.1", "10.7.0.2"), "histogram-owdelay",
                "aggregation:300", "statistics:300", "statistics:0"));
        post(key, "histogram-owdelay", 300, Map.of("1", 2, "2", 1));
        post(key, "histogram-owdelay", 360, Map.of("2", 1, "4", 1));
        given().get(ROOT + "/" + key + "/histogram-owdelay/base").then()
                .body("val[0].'1'", equalTo(2)).body("val[1].'4'", equalTo(1));
        given().get(ROOT + "/" + key + "/histogram-owdelay/aggregations/300").then()
                .body("ts", contains(300)).body("val[0].'1'", equalTo(2)).body("val[0].'2'", equalTo(2))
                .body("val[0].'4'", equalTo(1));
        // Samples 1 1 2 2 4: mean 2, NIST median at rank 3 = 2, p25 at rank 1.5 = 1, p75 at rank 4.5 = 3.
        given().get(ROOT + "/" + key + "/histogram-owdelay/statistics/300").then()
                .body("val[0].mean", equalTo(2.0f))
                .body("val[0].median", equalTo(2.0f))
                .body("val[0].mode", contains(1.0f, 2.0f))
                .body("val[0].minimum", equalTo(1.0f))
                .body("val[0].maximum", equalTo(4.0f))
                .body("val[0].'percentile-25'", equalTo(1.0f))
                .body("val[0].'percentile-75'", equalTo(3.0f))
                .body("val[0].'percentile-95'", equalTo(4.0f))
                .body("val[0].variance", equalTo(1.2f))
                .body("val[0].'standard-deviation'", equalTo(1.0954f));
        given().get(ROOT + "/" + key + "/histogram-owdelay/statistics/0").then()
                .body("ts", contains(300, 360))
                .body("val[0].mean", equalTo(1.3333f))
                .body("val[1].mean", equalTo(3.0f));
    }

    @Test
    void resentHistogramReplacesItsShareOfTheSummary() {
        String key = create(withEventType(metadata("resend/powstream", "10.8.0.1", "10.8.0.2"), "histogram-rtt",
                "aggregation:3600", "statistics:3600"));
        post(key, "histogram-rtt", 3600, Map.of("10", 5));
        post(key, "histogram-rtt", 3700, Map.of("20", 5));
        post(key, "histogram-rtt", 3600, Map.of("10", 1, "30", 4));
        post(key, "histogram-rtt", 3600, Map.of("10", 1, "30", 4));
        given().get(ROOT + "/" + key + "/histogram-rtt/base").then().body("val", hasSize(2))
                .body("val[0].'30'", equalTo(4));
        given().get(ROOT + "/" + key + "/histogram-rtt/aggregations/3600").then()
                .body("val[0].'10'", equalTo(1)).body("val[0].'20'", equalTo(5)).body("val[0].'30'", equalTo(4));
        given().get(ROOT + "/" + key + "/histogram-rtt/statistics/3600").then()
                .body("val[0].mean", equalTo(23.0f));
    }

    @Test
    void statisticsWithoutAnAggregationOfTheirWindowMergeTheirOwnHistogram() {
        String key = create(withEventType(metadata("statsonly/powstream", "10.8.1.1", "10.8.1.2"), "histogram-rtt",
                "aggregation:86400", "statistics:3600"));
        post(key, "histogram-rtt", 3600, Map.of("10", 2));
        post(key, "histogram-rtt", 3700, Map.of("20", 2));
        post(key, "histogram-rtt", 3600, Map.of("10", 1, "40", 1));
        // Hour 3600 holds 20 20 10 40 (the re-sent point replaced 10 10): mean 22.5, median 20.
        given().get(ROOT + "/" + key + "/histogram-rtt/statistics/3600").then()
                .body("ts", contains(3600)).body("val[0].mean", equalTo(22.5f)).body("val[0].median", equalTo(20.0f));
        given().get(ROOT + "/" + key + "/histogram-rtt/aggregations/86400").then()
                .body("val[0].'10'", equalTo(1)).body("val[0].'20'", equalTo(2)).body("val[0].'40'", equalTo(1));
    }

    @Test
    void lateIntegerPointLandsInItsOwnWindow() {
        String key = create(withEventType(metadata("late/iperf3", "10.9.0.1", "10.9.0.2"), "packet-count-sent",
                "aggregation:86400"));
        post(key, "packet-count-sent", 2 * 86400 + 5, 600);
        post(key, "packet-count-sent", 86400 + 5, 600);
        post(key, "packet-count-sent", 2 * 86400 + 50, 400);
        given().get(ROOT + "/" + key + "/packet-count-sent/aggregations/86400").then()
                .body("ts", contains(86400, 2 * 86400)).body("val", contains(600, 1000));
    }

    @Test
    void histogramWithTextBucketsHasEmptyStatistics() {
        String key = create(withEventType(metadata("textbucket/powstream", "10.10.0.1", "10.10.0.2"), "histogram-ttl",
                "statistics:0"));
        post(key, "histogram-ttl", 100, Map.of("a", 3));
        given().get(ROOT + "/" + key + "/histogram-ttl/statistics/0").then().body("val[0]", equalTo(Map.of()));
    }

    @Test
    void storesSubintervalsAndJsonAsSent() {
        String key = create(withEventType(withEventType(metadata("json/iperf3", "10.11.0.1", "10.11.0.2"),
                "throughput-subintervals"), "failures"));
        post(key, "throughput-subintervals", 100, List.of(Map.of("start", 0, "duration", 1.5, "val", 900)));
        post(key, "failures", 100, Map.of("error", "timeout"));
        given().get(ROOT + "/" + key + "/throughput-subintervals/base").then()
                .body("val[0][0].duration", equalTo(1.5f)).body("val[0][0].val", equalTo(900));
        given().get(ROOT + "/" + key + "/failures/base").then().body("val[0].error", equalTo("timeout"));
    }

    @Test
    void resentDocumentsReplaceTheStoredOnesAndCountTheRestOnce() {
        String key = create(withEventType(withEventType(metadata("resend/iperf3", "10.11.1.1", "10.11.1.2"),
                "failures"), "packet-retransmits", "aggregation:3600"));
        post(key, "failures", 100, Map.of("error", "timeout"));
        post(key, "failures", 100, Map.of("error", "refused"));
        // A bulk PUT with a re-sent document and new integer points: the document is replaced, the integers
        // are stored and summed once although the write is retried with replacing statements.
        writer().contentType("application/json").body(Map.of("data", List.of(
                        Map.of("ts", 100, "val", List.of(Map.of("event-type", "failures", "val", Map.of("error", "reset")),
                                Map.of("event-type", "packet-retransmits", "val", 3))),
                        Map.of("ts", 200, "val", List.of(Map.of("event-type", "packet-retransmits", "val", 4))))))
                .put(ROOT + "/" + key + "/").then().statusCode(201);
        given().get(ROOT + "/" + key + "/failures/base").then().body("ts", contains(100)).body("val[0].error", equalTo("reset"));
        given().get(ROOT + "/" + key + "/packet-retransmits/base").then().body("val", contains(3, 4));
        given().get(ROOT + "/" + key + "/packet-retransmits/aggregations/3600").then().body("val", contains(7));
    }

    @Test
    void bulkPutStoresEventTypesTheMetadataNeverDeclared() {
        String key = create(withEventType(metadata("bulk/iperf3", "10.12.0.1", "10.12.0.2"), "throughput",
                "average:3600"));
        writer().contentType("application/json").body(Map.of("data", List.of(
                        Map.of("ts", 3600, "val", List.of(
                                Map.of("event-type", "throughput", "val", 1000),
                                Map.of("event-type", "packet-retransmits", "val", 3),
                                Map.of("event-type", "streams-throughput", "val", List.of(500, 500)))),
                        Map.of("ts", 3660, "val", List.of(Map.of("event-type", "throughput", "val", 3000))))))
                .put(ROOT + "/" + key + "/").then().statusCode(201).header("Content-Type", "application/json");
        given().get(ROOT + "/" + key + "/throughput/averages/3600").then().body("val", contains(2000.0f));
        given().get(ROOT + "/" + key + "/packet-retransmits/base").then().body("val", contains(3));
        given().get(ROOT + "/" + key + "/streams-throughput/base").then().body("val[0]", contains(500, 500));
        given().get(ROOT + "/" + key + "/").then().body("'event-types'.'event-type'",
                containsInAnyOrder("throughput", "packet-retransmits", "streams-throughput"));
    }

    @Test
    void pagesDataWithLimitAndTimeStart() {
        String key = create(withEventType(metadata("paging/owamp", "10.13.0.1", "10.13.0.2"), "packet-duplicates"));
        List<Map<String, Object>> data = new java.util.ArrayList<>();
        for (int i = 0; i < 25; i++) {
            data.add(Map.of("ts", 1000 + i * 60, "val", List.of(Map.of("event-type", "packet-duplicates", "val", i))));
        }
        writer().contentType("application/json").body(Map.of("data", data)).put(ROOT + "/" + key + "/").then().statusCode(201);
        String base = ROOT + "/" + key + "/packet-duplicates/base";
        List<Integer> values = new java.util.ArrayList<>();
        long start = 0;
        while (true) {
            Response page = given().queryParam("limit", 10).queryParam("time-start", start).get(base);
            List<Integer> ts = page.path("ts");
            if (ts.isEmpty()) {
                break;
            }
            values.addAll(page.path("val"));
            start = ts.get(ts.size() - 1) + 1;
        }
        assertEquals(25, values.size());
        assertEquals(24, values.get(24));
        given().queryParam("time-start", 1000 + 60).queryParam("time-end", 1000 + 180).get(base).then().body("val", contains(1, 2, 3));
        given().queryParam("time", 1000 + 240).get(base).then().body("val", contains(4));
        given().queryParam("time-start", 1000).queryParam("time-range", 120).get(base).then().body("val", contains(0, 1, 2));
        given().queryParam("limit", 2).queryParam("offset", 5).get(base).then().body("val", contains(5, 6));
    }

    @Test
    void storesNetworkElementSubjectsWithoutDestination() {
        Map<String, Object> body = withEventType(metadata("ne/ntp", "10.14.0.1", "unused"), "ntp-offset", "average:3600");
        body.put("subject-type", "network-element");
        body.remove("destination");
        String key = create(body);
        given().get(ROOT + "/" + key + "/").then().statusCode(200)
                .body("'subject-type'", equalTo("network-element"))
                .body("containsKey('destination')", equalTo(false));
    }

    @Test
    void answersUnsupportedMethodsWith405() {
        String key = create(withEventType(metadata("method/owamp", "10.15.0.1", "10.15.0.2"), "packet-count-sent"));
        writer().delete(ROOT + "/" + key + "/").then().statusCode(405);
    }
}
