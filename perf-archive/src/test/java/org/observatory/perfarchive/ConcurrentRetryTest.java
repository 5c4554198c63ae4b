package org.observatory.perfarchive;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.observatory.perfarchive.Esmond.ROOT;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A run sent again while its first attempt is still being stored (the archiver timed out and retried, or two
 * archivers carry the same run): the run-id check is the document insert inside the values' transaction, so one
 * attempt stores and the others store nothing.
 */
@QuarkusTest
class ConcurrentRetryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ATTEMPTS = 6;

    @TestHTTPResource("/")
    URL server;

    @Test
    void concurrentAttemptsOfOneRunStoreItOnceAndAnswerDuplicateToTheOthers() throws Exception {
        String observer = "198.51.100.124";
        // Its own hosts, so that the other tests' searches by source find only their own metadata.
        ObjectNode run = (ObjectNode) JSON.readTree(PschedulerArchiverTest.fixture("latencybg.json")
                .replace("198.51.100.24", observer));
        run.put("id", UUID.randomUUID().toString());
        String body = run.toString();
        String token = OidcWiremockTestResource.getAccessToken("alice", Set.of("measurements:write"));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < ATTEMPTS; i++) {
            answers.add(http.sendAsync(HttpRequest.newBuilder(URI.create(server + PschedulerArchiverTest.RUNS.substring(1)))
                    .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token)
                    .header("x-ps-observer", observer).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        int created = 0;
        int duplicates = 0;
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.get(90, TimeUnit.SECONDS);
            if (response.statusCode() == 201) {
                created++;
            } else {
                assertEquals(200, response.statusCode(), response.body());
                assertEquals("duplicate", JSON.readTree(response.body()).path("status").asText());
                duplicates++;
            }
        }
        assertEquals(1, created);
        assertEquals(ATTEMPTS - 1, duplicates);

        String key = given().queryParams(Map.of("pscheduler-test-type", "latencybg", "measurement-agent", observer))
                .get(ROOT + "/").then().statusCode(200).body("$", hasSize(1)).extract().path("[0].'metadata-key'");
        given().get(ROOT + "/" + key + "/packet-count-sent/base").then().body("val", contains(600));
        // Summaries counted once: the hour's aggregation holds one run's 600 packets.
        given().get(ROOT + "/" + key + "/packet-count-sent/aggregations/3600").then().body("val", contains(600));
        given().get(ROOT + "/" + key + "/histogram-owdelay/aggregations/3600").then()
                .body("val[0]", org.hamcrest.Matchers.equalTo(Map.of("-0.21", 3, "0.15", 590, "0.16", 5)));
    }
}
