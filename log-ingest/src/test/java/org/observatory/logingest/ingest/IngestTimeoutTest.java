package org.observatory.logingest.ingest;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.observatory.logingest.TestLogs.asWriter;
import static org.observatory.logingest.TestLogs.block;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** No request waits for ever: a lock held elsewhere ends the ingest with a 503 after lock_timeout (2 s in tests). */
@QuarkusTest
class IngestTimeoutTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Pool pool;

    @Test
    void anIngestBlockedByALockAnswers503WithRetryAfterAndStoresNothing() {
        SqlConnection holder = pool.getConnection().await().atMost(WAIT);
        Transaction tx = holder.begin().await().atMost(WAIT);
        try {
            // The ingest inserts its rows, then waits for this lock to mark its hours dirty, and gives up.
            holder.query("LOCK TABLE log_dirty_hour IN EXCLUSIVE MODE").execute().await().atMost(WAIT);
            asWriter().contentType("text/plain")
                    .body(block("10.60.0.1", "locked", "2026-01-05 01:00:00", "2026-01-05 00:00:00", "LK_AAA_00_BHZ/MSEED 10 1"))
                    .when().post("/logs/txlog").then().statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", equalTo("30"))
                    .body("detail", containsString("nothing was stored"));
        } finally {
            tx.rollback().await().atMost(WAIT);
            holder.close().await().atMost(WAIT);
        }
        assertEquals(0, pool.query("SELECT count(*) FROM log_event WHERE network = 'LK'").execute().await().atMost(WAIT)
                .iterator().next().getLong(0));
    }
}
