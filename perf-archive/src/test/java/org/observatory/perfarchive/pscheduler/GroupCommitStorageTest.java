package org.observatory.perfarchive.pscheduler;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import org.observatory.common.db.PgErrors;
import org.observatory.perfarchive.pscheduler.GroupCommit.Outcome;

/**
 * Runs written together in one batch (group commit) store what the same runs posted one after the other store:
 * the same points and summaries, nothing twice for a retried run, and a bad run fails alone.
 */
@QuarkusTest
class GroupCommitStorageTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROOT = "/esmond/perfsonar/archive";
    private static final String RUNS = "/perf/pscheduler/runs";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    PschedulerRunService service;
    @Inject
    Pool pool;

    private static String fixture() {
        try (InputStream in = GroupCommitStorageTest.class.getResourceAsStream("/pscheduler/latencybg.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The latencybg fixture between these hosts, started at 10:0{minute}, with its own histogram and losses. */
    private static ObjectNode latencybg(String source, String dest, int minute) throws IOException {
        ObjectNode run = (ObjectNode) JSON.readTree(fixture().replace("198.51.100.24", source).replace("198.51.100.25", dest));
        run.put("id", UUID.randomUUID().toString());
        ((ObjectNode) run.get("schedule")).put("start", "2026-11-30T10:0" + minute + ":00Z");
        ObjectNode result = (ObjectNode) run.get("result");
        result.put("packets-lost", minute);
        result.put("packets-received", 600 - minute);
        ObjectNode histogram = result.putObject("histogram-latency");
        histogram.put("0.15", 590 - minute).put("0.1" + (6 + minute % 3), 10).put("-0.21", minute);
        return run;
    }

    private static String token() {
        return OidcWiremockTestResource.getAccessToken("alice", Set.of("measurements:write"));
    }

    private List<Outcome<RunReceipt>> together(List<? extends JsonNode> runs, String observer) {
        return service.storeTogether(new ArrayList<>(runs), observer).await().atMost(WAIT);
    }

    private static String key(String observer) {
        return given().queryParams(Map.of("pscheduler-test-type", "latencybg", "measurement-agent", observer))
                .get(ROOT + "/").then().statusCode(200).body("$", hasSize(1)).extract().path("[0].'metadata-key'");
    }

    /** Every series of the metadata as the esmond API reads it: base and summary URIs (relative) to their data. */
    private static Map<String, Object> everything(String key) {
        JsonPath metadata = given().get(ROOT + "/" + key + "/").then().statusCode(200).extract().jsonPath();
        Map<String, Object> data = new java.util.TreeMap<>();
        List<Map<String, Object>> eventTypes = metadata.getList("'event-types'");
        for (Map<String, Object> eventType : eventTypes) {
            String type = (String) eventType.get("event-type");
            data.put(type, given().get(ROOT + "/" + key + "/" + type + "/base").then().statusCode(200).extract().jsonPath().get());
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> summaries = (List<Map<String, Object>>) eventType.get("summaries");
            for (Map<String, Object> s : summaries) {
                String uri = (String) s.get("uri");
                String relative = uri.substring(uri.indexOf(key) + key.length());
                data.put(relative, given().get(ROOT + "/" + key + relative).then().statusCode(200).extract().jsonPath().get());
            }
        }
        return data;
    }

    /** How many documents of this run are stored. */
    private long documents(JsonNode run) {
        return pool.preparedQuery("SELECT count(*) AS n FROM ps_pscheduler_run WHERE run_id = $1")
                .execute(Tuple.of(UUID.fromString(run.get("id").asText()))).await().atMost(WAIT)
                .iterator().next().getLong("n");
    }

    @Test
    void runsOfOneSeriesInOneBatchStoreWhatTheSameRunsPostedOneByOneStore() throws Exception {
        List<ObjectNode> batched = new ArrayList<>();
        List<ObjectNode> sequential = new ArrayList<>();
        for (int minute = 1; minute <= 6; minute++) {
            batched.add(latencybg("198.51.100.131", "198.51.100.132", minute));
            sequential.add(latencybg("198.51.100.133", "198.51.100.134", minute));
        }
        List<Outcome<RunReceipt>> answers = together(batched, "198.51.100.131");
        for (Outcome<RunReceipt> answer : answers) {
            assertNull(answer.failure());
            assertEquals("mapped", answer.value().status());
        }
        for (ObjectNode run : sequential) {
            given().header("Authorization", "Bearer " + token()).header("x-ps-observer", "198.51.100.133")
                    .contentType("application/json").body(run.toString()).post(RUNS).then().statusCode(201);
        }
        String batchKey = key("198.51.100.131");
        Map<String, Object> fromBatch = everything(batchKey);
        Map<String, Object> oneByOne = everything(key("198.51.100.133"));
        // The run's link names its host, which differs between the two meshes.
        fromBatch.remove("pscheduler-run-href");
        oneByOne.remove("pscheduler-run-href");
        assertFalse(fromBatch.isEmpty());
        assertEquals(oneByOne, fromBatch);
        // And the values themselves: six runs of 600 packets in the hour, their losses summed.
        given().get(ROOT + "/" + batchKey + "/packet-count-sent/aggregations/3600").then().body("val", contains(3600));
        given().get(ROOT + "/" + batchKey + "/packet-count-lost/aggregations/3600").then().body("val", contains(21));
        given().get(ROOT + "/" + batchKey + "/histogram-owdelay/aggregations/3600").then()
                .body("val[0].'0.15'", org.hamcrest.Matchers.equalTo(6 * 590 - 21)).body("val[0].'-0.21'", org.hamcrest.Matchers.equalTo(21));
    }

    @Test
    void aRunRepeatedInOneBatchOrInALaterOneIsStoredOnce() throws Exception {
        String observer = "198.51.100.141";
        ObjectNode first = latencybg(observer, "198.51.100.142", 1);
        ObjectNode second = latencybg(observer, "198.51.100.142", 2);
        ObjectNode third = latencybg(observer, "198.51.100.142", 3);
        List<Outcome<RunReceipt>> answers = together(List.of(first, second, first.deepCopy()), observer);
        assertEquals(List.of("mapped", "mapped", "duplicate"), answers.stream().map(a -> a.value().status()).toList());
        answers = together(List.of(second, third, third), observer);
        assertEquals(List.of("duplicate", "mapped", "duplicate"), answers.stream().map(a -> a.value().status()).toList());
        assertEquals(0, answers.get(0).value().points());
        String key = key(observer);
        given().get(ROOT + "/" + key + "/packet-count-sent/base").then().body("val", contains(600, 600, 600));
        given().get(ROOT + "/" + key + "/packet-count-sent/aggregations/3600").then().body("val", contains(1800));
        given().get(ROOT + "/" + key + "/packet-count-lost/aggregations/86400").then().body("val", contains(6));
    }

    @Test
    void aRunThatFailsInABatchFailsAloneAndEveryOtherRunIsStoredAndAnsweredTruly() throws Exception {
        String observer = "198.51.100.151";
        String dest = "198.51.100.152";
        ObjectNode earlier = latencybg(observer, dest, 1);
        RunReceipt stored = together(List.of(earlier), observer).get(0).value();
        assertEquals("mapped", stored.status());
        ObjectNode good = latencybg(observer, dest, 2);
        // A NUL character in a field nothing but the document keeps: jsonb refuses it, a 400 for that run alone.
        ObjectNode bad = latencybg(observer, dest, 3);
        bad.put("comment", "latency\u0000mesh");
        // Another run id with the values of the earlier run (same task, same start): its values are stored already
        // (a 409 to esmond's archiver, which counts as stored); its document is kept, no value twice.
        ObjectNode sameValues = latencybg(observer, dest, 1);
        ObjectNode alsoGood = latencybg(observer, dest, 4);
        List<Outcome<RunReceipt>> answers = together(List.of(good, bad, sameValues, alsoGood), observer);

        assertEquals("mapped", answers.get(0).value().status());
        assertEquals(stored.points(), answers.get(0).value().points());
        // The answer the problem mapper turns into a 400.
        assertTrue(PgErrors.isBadValue(answers.get(1).failure()), String.valueOf(answers.get(1).failure()));
        assertEquals("mapped", answers.get(2).value().status());
        assertEquals(0, answers.get(2).value().points());
        assertEquals("mapped", answers.get(3).value().status());

        String key = key(observer);
        given().get(ROOT + "/" + key + "/packet-count-lost/base").then().body("ts.size()", org.hamcrest.Matchers.equalTo(3))
                .body("val", contains(1, 2, 4));
        given().get(ROOT + "/" + key + "/packet-count-sent/aggregations/3600").then().body("val", contains(1800));
        assertEquals(0L, documents(bad));
        assertEquals(1L, documents(sameValues));
        // The bad run, sent again without its NUL, is stored then.
        bad.remove("comment");
        assertEquals("mapped", together(List.of(bad), observer).get(0).value().status());
        given().get(ROOT + "/" + key + "/packet-count-lost/base").then().body("val", contains(1, 2, 3, 4));
    }
}
