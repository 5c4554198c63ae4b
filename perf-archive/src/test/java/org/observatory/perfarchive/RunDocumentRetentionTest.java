package org.observatory.perfarchive;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.observatory.perfarchive.Esmond.admin;
import static org.observatory.perfarchive.Esmond.writer;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * pScheduler run documents follow the archive's retention like the esmond values they came with: here every event
 * type is kept 400 days except throughput, kept for ever, so trace documents expire and throughput ones do not.
 */
@QuarkusTest
@TestProfile(RunDocumentRetentionTest.FourHundredDays.class)
class RunDocumentRetentionTest {

    public static class FourHundredDays implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("perf.retention.default-days", "400", "perf.retention.event-types", "throughput=0");
        }
    }

    @Test
    void theRetentionJobDeletesRunDocumentsOlderThanTheirEventTypesRetentionAndKeepsRecentOnes() throws SQLException {
        String trace = (String) post("trace.json", "198.51.100.40").get("metadataKey");
        String throughput = (String) post("throughput-tcp-parallel.json", "198.51.100.22").get("metadataKey");
        String recentTrace = "ad5060b2-4f31-4099-9e87-5162738495a5";
        String recentThroughput = "7a2d3b8f-1c0e-4d66-8b54-2e3f40516272";
        // Documents stored while the retention was longer (the API refuses runs older than it now).
        String oldTrace = copyAsOld(recentTrace, "2020-01-10T00:00:00Z");
        String oldThroughput = copyAsOld(recentThroughput, "2020-01-10T00:00:00Z");
        assertEquals(1, count(oldTrace));

        admin().post("/perf/retention/run").then().statusCode(200)
                .body("ran", equalTo(true))
                .body("dropped", hasItem("ps_pscheduler_run: 1 documents"));

        assertEquals(0, count(oldTrace), "a trace run older than 400 days is gone");
        assertEquals(1, count(recentTrace), "a recent trace run stays");
        assertEquals(1, count(oldThroughput), "throughput is kept for ever, and so are its runs");
        assertEquals(1, count(recentThroughput));
        // A second run finds nothing more to delete.
        admin().post("/perf/retention/run").then().statusCode(200).body("dropped", org.hamcrest.Matchers.not(
                hasItem(org.hamcrest.Matchers.startsWith("ps_pscheduler_run"))));
    }

    private static Map<String, Object> post(String fixture, String observer) {
        return writer().header("x-ps-observer", observer).contentType("application/json")
                .body(PschedulerArchiverTest.fixture(fixture)).post(PschedulerArchiverTest.RUNS)
                .then().statusCode(201).extract().as(Map.class);
    }

    /** A copy of a stored run under a new id, started at {@code start}; answers the new id. */
    private static String copyAsOld(String runId, String start) throws SQLException {
        String id = UUID.randomUUID().toString();
        try (Connection db = database(); PreparedStatement st = db.prepareStatement("""
                INSERT INTO ps_pscheduler_run (run_id, test_type, status, metadata_key, observer, run_start, document)
                SELECT ?::uuid, test_type, status, metadata_key, observer, ?::timestamptz, document
                FROM ps_pscheduler_run WHERE run_id = ?::uuid""")) {
            st.setString(1, id);
            st.setString(2, start);
            st.setString(3, runId);
            assertEquals(1, st.executeUpdate());
        }
        return id;
    }

    private static long count(String runId) throws SQLException {
        try (Connection db = database(); PreparedStatement st = db.prepareStatement(
                "SELECT count(*) FROM ps_pscheduler_run WHERE run_id = ?::uuid")) {
            st.setString(1, runId);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Connection database() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class), "");
    }
}
