package org.observatory.logingest.storage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.observatory.logingest.TestLogs.block;
import static org.observatory.logingest.TestLogs.writerToken;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.observatory.logingest.common.LogIngestConfig;

/**
 * Logs that reach months without a partition, after a first batch was inserted in the request's transaction:
 * this hung for ever when the partition was created on another connection (all three tests failed with a read
 * timeout before the fix). The client gives up after 30 s, so a regression fails instead of hanging the build.
 * Months without a partition now land in the default partition; the partitions job moves them (StorageJobsTest).
 */
@QuarkusTest
class MonthBoundaryTest {

    /** Long enough for any of these small logs; a hang ends as a SocketTimeoutException (a test failure). */
    private static final RestAssuredConfig GIVE_UP = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
            .setParam("http.socket.timeout", 30_000).setParam("http.connection.timeout", 5_000));

    @Inject
    Pool pool;

    @Inject
    LogIngestConfig config;

    private ValidatableResponse post(String log) {
        return given().config(GIVE_UP).auth().oauth2(writerToken()).contentType("text/plain").body(log)
                .when().post("/logs/txlog").then();
    }

    /** Makes sure the month has no partition yet (these months belong to this test alone). */
    private void forgetMonth(String yyyymm) {
        pool.query("DROP TABLE IF EXISTS log_event_" + yyyymm).execute().await().atMost(java.time.Duration.ofSeconds(30));
    }

    private long count(String network) {
        return pool.query("SELECT count(*) FROM log_event WHERE network = '" + network + "'").execute()
                .await().atMost(java.time.Duration.ofSeconds(30)).iterator().next().getLong(0);
    }

    /** A block of exactly one batch of stream lines, so that it is inserted before the next block is read. */
    private String fullBatch(String network, String logTime, String connectTime) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < config.ingest().batchRows(); i++) {
            lines.add(network + "_S" + i + "_00_BHZ/MSEED 10 1");
        }
        return block("10.30.0.1", "boundary", logTime, connectTime, lines.toArray(String[]::new));
    }

    @Test
    void twoBlocksInTwoNewMonthsAfterAFirstInsertedBatchAreStored() {
        forgetMonth("202504");
        forgetMonth("202505");
        forgetMonth("202506");
        String log = fullBatch("MB", "2025-04-30 23:00:00", "2025-04-30 22:00:00")
                + block("10.30.0.2", "boundary", "2025-05-01 00:10:00", "2025-04-30 23:00:00", "MB_MAY_00_BHZ/MSEED 20 1")
                + block("10.30.0.3", "boundary", "2025-06-01 00:10:00", "2025-05-31 23:00:00", "MB_JUN_00_BHZ/MSEED 30 1");
        post(log).statusCode(200).body("blocks", equalTo(3))
                .body("streamsStored", equalTo(config.ingest().batchRows() + 2));
        assertEquals(config.ingest().batchRows() + 2, count("MB"));
    }

    @Test
    void aLogSpanningThreeNewMonthsBlockByBlockIsStored() {
        forgetMonth("202507");
        forgetMonth("202508");
        forgetMonth("202509");
        StringBuilder log = new StringBuilder();
        String[] months = {"2025-07", "2025-08", "2025-09"};
        for (String month : months) {
            log.append(fullBatch("M3", month + "-15 01:00:00", month + "-15 00:00:00"));
        }
        post(log.toString()).statusCode(200).body("blocks", equalTo(3))
                .body("streamsStored", equalTo(3 * config.ingest().batchRows()));
        assertEquals(3 * config.ingest().batchRows(), count("M3"));
    }

    @Test
    void twoConcurrentIngestsIntoNewMonthsBothAnswer() {
        forgetMonth("202510");
        forgetMonth("202511");
        forgetMonth("202512");
        String a = fullBatch("CA", "2025-10-31 23:00:00", "2025-10-31 22:00:00")
                + block("10.31.0.1", "a", "2025-11-01 00:10:00", "2025-10-31 23:00:00", "CA_NOV_00_BHZ/MSEED 20 1");
        String b = fullBatch("CB", "2025-11-30 23:00:00", "2025-11-30 22:00:00")
                + block("10.31.0.2", "b", "2025-12-01 00:10:00", "2025-11-30 23:00:00", "CB_DEC_00_BHZ/MSEED 20 1");
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> post(a).extract().statusCode());
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> post(b).extract().statusCode());
        assertEquals(200, first.join());
        assertEquals(200, second.join());
        assertEquals(config.ingest().batchRows() + 1, count("CA"));
        assertEquals(config.ingest().batchRows() + 1, count("CB"));
    }
}
