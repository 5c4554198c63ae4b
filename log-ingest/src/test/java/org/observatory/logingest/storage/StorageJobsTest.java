package org.observatory.logingest.storage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.observatory.logingest.TestLogs.asAdmin;
import static org.observatory.logingest.TestLogs.asWriter;
import static org.observatory.logingest.TestLogs.block;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
class StorageJobsTest {

    @Inject
    Pool pool;

    private long scalar(String sql) {
        return pool.query(sql).execute().await().atMost(java.time.Duration.ofSeconds(30)).iterator().next().getLong(0);
    }

    @Test
    void listsTheJobsWithTheirLastRunAndOutcome() {
        asAdmin().when().get("/logs/admin/jobs").then().statusCode(200)
                .body("job", hasItems("partitions", "retention", "compression", "rollup-refresh"))
                .body("find { it.job == 'compression' }.available", equalTo(false))
                .body("find { it.job == 'compression' }.outcome", equalTo("unavailable"));
        asAdmin().when().post("/logs/admin/jobs/retention/run").then().statusCode(200)
                .body("outcome", equalTo("succeeded")).body("detail", containsString("dropped"));
        asAdmin().when().get("/logs/admin/jobs").then().statusCode(200)
                .body("find { it.job == 'retention' }.outcome", equalTo("succeeded"))
                .body("find { it.job == 'retention' }.lastFinished", org.hamcrest.Matchers.notNullValue());
        asAdmin().when().post("/logs/admin/jobs/rollup-refresh/run").then().statusCode(200)
                .body("outcome", equalTo("succeeded")).body("detail", containsString("hours recomputed"));
    }

    @Test
    void thePartitionsJobCreatesTheAcceptedMonthsAheadAndMovesRowsOutOfTheDefaultPartition() {
        pool.query("DROP TABLE IF EXISTS log_event_202503").execute().await().indefinitely();
        asWriter().contentType("text/plain").body(block("10.40.0.1", "default", "2025-03-10 01:00:00", "2025-03-10 00:00:00",
                "DP_AAA_00_BHZ/MSEED 10 1")).when().post("/logs/txlog").then().statusCode(200).body("streamsStored", equalTo(1));
        assertEquals(1, scalar("SELECT count(*) FROM log_event_default WHERE network = 'DP'"));

        asAdmin().when().post("/logs/admin/jobs/partitions/run").then().statusCode(200)
                .body("outcome", equalTo("succeeded")).body("detail", containsString("2025-03 created, moved 1 rows"));
        assertEquals(0, scalar("SELECT count(*) FROM log_event_default WHERE network = 'DP'"));
        assertEquals(1, scalar("SELECT count(*) FROM log_event_202503 WHERE network = 'DP'"));
        assertEquals(1, scalar("SELECT count(*) FROM log_event WHERE network = 'DP'"));
        OffsetDateTime ahead = Instant.now().atOffset(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1).plusMonths(3);
        String name = String.format("log_event_%04d%02d", ahead.getYear(), ahead.getMonthValue());
        assertEquals(1, scalar("SELECT count(*) FROM pg_class WHERE relname = '" + name + "'"), name);
        // The moved partition still refuses a duplicate of the same transfer.
        asWriter().contentType("text/plain").body(block("10.40.0.1", "default", "2025-03-10 01:00:00", "2025-03-10 00:00:00",
                "DP_AAA_00_BHZ/MSEED 10 1")).when().post("/logs/txlog").then().statusCode(200).body("duplicates", equalTo(1));
        // A second run finds them all.
        asAdmin().when().post("/logs/admin/jobs/partitions/run").then().statusCode(200).body("detail", containsString("all present"));
    }

    @Test
    void refusesJobsTheDialectLacksUnknownJobsAndNonAdmins() {
        asAdmin().when().post("/logs/admin/jobs/compression/run").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("TimescaleDB"));
        asAdmin().when().post("/logs/admin/jobs/vacuum/run").then().statusCode(404);
        asWriter().when().get("/logs/admin/jobs").then().statusCode(403);
        given().when().post("/logs/admin/jobs/retention/run").then().statusCode(401);
    }

    /** Tests keep raw rows 5000 days (application.properties), so the horizon is in 2013. */
    @Test
    void refusesEventsOlderThanTheRetentionHorizonWithAReason() {
        String old = block("10.41.0.1", "old", "2010-01-10 01:00:00", "2010-01-10 00:00:00", "RH_OLD_00_BHZ/MSEED 10 1");
        String recent = block("10.41.0.2", "new", "2026-01-10 01:00:00", "2026-01-10 00:00:00", "RH_NEW_00_BHZ/MSEED 10 1");
        asWriter().contentType("text/plain").body(old + recent).when().post("/logs/txlog").then().statusCode(200)
                .body("streamsStored", equalTo(1)).body("rejectedLines", equalTo(3))
                .body("rejections[0].reason", containsString("older than the raw-data retention horizon"));
        assertEquals(0, scalar("SELECT count(*) FROM log_event WHERE network = 'RH' AND station = 'OLD'"));
    }

    @Test
    void neverRecomputesARollupHourOlderThanTheRetentionHorizonFromRawRows() {
        // The hour's rollup holds 10,240 bytes of 5 events whose raw rows retention dropped; one late raw row of
        // 1,024 bytes raced the horizon and marked the hour.
        String hour = "2010-06-01T05:00:00Z";
        pool.query("INSERT INTO log_rollup_hour VALUES ('" + hour + "', 'RT', 'AAA', '00', 'BHZ', NULL, 'h', 'SeedLink', 10240, 20, 5)")
                .execute().await().indefinitely();
        pool.query("INSERT INTO log_event (log_time, connect_time, block_key, stream_id, network, station, location, channel, "
                + "bytes, packets, protocol, agent, client_hash) VALUES ('2010-06-01T05:10:00Z', '2010-06-01T05:00:00Z', "
                + "gen_random_uuid(), 'RT_AAA_00_BHZ/MSEED', 'RT', 'AAA', '00', 'BHZ', 1024, 2, 'SeedLink', 'x', 'h')")
                .execute().await().indefinitely();
        pool.query("INSERT INTO log_dirty_hour (consumer, hour) VALUES ('rollup', '" + hour + "') ON CONFLICT DO NOTHING")
                .execute().await().indefinitely();
        asAdmin().when().post("/logs/rollups/refresh").then().statusCode(200)
                .body("ran", equalTo(true)).body("hoursBeyondRetention", equalTo(1));
        assertEquals(10240, scalar("SELECT bytes FROM log_rollup_hour WHERE network = 'RT'"));
        assertEquals(5, scalar("SELECT events FROM log_rollup_hour WHERE network = 'RT'"));
        assertEquals(0, scalar("SELECT count(*) FROM log_dirty_hour WHERE consumer = 'rollup' AND hour = '" + hour + "'"));
        assertTrue(scalar("SELECT count(*) FROM log_rollup_day WHERE network = 'RT'") == 0);
    }
}
