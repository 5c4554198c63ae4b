package org.observatory.perfarchive;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.observatory.perfarchive.Esmond.ROOT;
import static org.observatory.perfarchive.Esmond.create;
import static org.observatory.perfarchive.Esmond.metadata;
import static org.observatory.perfarchive.Esmond.withEventType;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Partitions are created on first use (ps_ensure_partition). Many writers whose first points fall into months
 * and event types nobody wrote before, all at once and while other writes of the same event types are in
 * flight, must all succeed: creators must not wait on each other or on the writers they hold up.
 */
@QuarkusTest
class FirstWriteIntoNewPartitionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** 2031-07-01T00:00:00Z: a month no other test writes. */
    private static final long JULY_2031 = Instant.parse("2031-07-01T00:00:00Z").getEpochSecond();
    private static final int WRITERS = 8;

    @TestHTTPResource("/")
    URL server;

    @Test
    void concurrentFirstWritesIntoFreshPartitionsAllSucceed() throws Exception {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            keys.add(create(withEventType(withEventType(withEventType(
                    metadata("partition/first-write", "192.0.2." + (150 + i), "192.0.2.149"),
                    "histogram-owdelay", "aggregation:3600", "statistics:0", "statistics:86400"),
                    "packet-count-sent", "aggregation:86400"), "throughput", "average:86400")));
        }
        String token = OidcWiremockTestResource.getAccessToken("alice", Set.of("measurements:write"));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            // Writers 0-3: the fresh month; 4-7: the month before and after as well, so creators of several
            // partitions of one event type overlap, and a brand-new event type's own partition (streams-*).
            List<Map<String, Object>> data = new ArrayList<>();
            long[] times = i < WRITERS / 2 ? new long[]{JULY_2031 + i * 60L}
                    : new long[]{JULY_2031 - 86_400 - i * 60L, JULY_2031 + i * 60L, JULY_2031 + 31L * 86_400 + i * 60L};
            for (long ts : times) {
                data.add(Map.of("ts", ts, "val", List.of(
                        Map.of("event-type", "histogram-owdelay", "val", Map.of("10.5", 3, "11.0", 7)),
                        Map.of("event-type", "packet-count-sent", "val", 600),
                        Map.of("event-type", "throughput", "val", 9_400_000_000L + i),
                        Map.of("event-type", "streams-first-write-" + (i % 2), "val", List.of(Map.of("writer", i))))));
            }
            answers.add(http.sendAsync(HttpRequest.newBuilder(URI.create(server + ROOT.substring(1) + "/" + keys.get(i) + "/"))
                            .timeout(Duration.ofSeconds(60))
                            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                            .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("data", data)))).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (int i = 0; i < WRITERS; i++) {
            HttpResponse<String> answer = answers.get(i).get(90, TimeUnit.SECONDS);
            assertEquals(201, answer.statusCode(), "writer " + i + ": " + answer.body());
        }
        for (int i = 0; i < WRITERS; i++) {
            int points = i < WRITERS / 2 ? 1 : 3;
            given().get(ROOT + "/" + keys.get(i) + "/packet-count-sent/base").then().body("val", hasSize(points));
            given().get(ROOT + "/" + keys.get(i) + "/streams-first-write-" + (i % 2) + "/base").then()
                    .body("val", hasSize(points));
            given().get(ROOT + "/" + keys.get(i) + "/histogram-owdelay/aggregations/3600").then()
                    .body("val[0]", org.hamcrest.Matchers.equalTo(Map.of("10.5", 3, "11.0", 7)));
        }
        given().get(ROOT + "/" + keys.get(0) + "/throughput/base").then().body("val", contains(9_400_000_000L));
    }
}
