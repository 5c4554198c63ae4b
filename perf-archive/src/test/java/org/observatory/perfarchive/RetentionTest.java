package org.observatory.perfarchive;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.observatory.perfarchive.Esmond.ROOT;
import static org.observatory.perfarchive.Esmond.admin;
import static org.observatory.perfarchive.Esmond.create;
import static org.observatory.perfarchive.Esmond.metadata;
import static org.observatory.perfarchive.Esmond.post;
import static org.observatory.perfarchive.Esmond.withEventType;
import static org.observatory.perfarchive.Esmond.writer;

import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** Retention per event type: ntp-stratum is kept 400 days in the test profile, everything else for ever. */
@QuarkusTest
class RetentionTest {

    @Test
    void dropsWholeMonthsOlderThanTheEventTypesRetention() throws SQLException {
        String key = create(withEventType(metadata("retention/ntp", "192.0.2.200", "192.0.2.201"), "ntp-stratum",
                "aggregation:86400"));
        long recent = Instant.now().getEpochSecond() - 86_400;
        post(key, "ntp-stratum", recent, 2);
        writer().contentType("application/json").body("{\"ts\": " + (recent - 500L * 86_400) + ", \"val\": 2}")
                .post(ROOT + "/" + key + "/ntp-stratum/base").then().statusCode(400)
                .body("detail", containsString("400 days"));

        // Data written while the retention was longer: two points in January 2020, in their own partition.
        try (Connection db = database()) {
            db.createStatement().execute("SELECT ps_ensure_partition('ntp-stratum', DATE '2020-01-01')");
            db.createStatement().execute("""
                    INSERT INTO ps_value (series_id, event_type, ts, v_int)
                    SELECT s.id, s.event_type, t, 1 FROM ps_series s JOIN ps_metadata m ON m.id = s.metadata_id,
                         (VALUES (TIMESTAMPTZ '2020-01-10 00:00Z'), (TIMESTAMPTZ '2020-01-11 00:00Z')) AS v(t)
                    WHERE m.metadata_key = '%s' AND s.summary_type = 'base'""".formatted(key));
            assertTrue(tableExists(db, partition(db, "2020-01-01")));
        }
        given().get(ROOT + "/" + key + "/ntp-stratum/base").then().body("val", contains(1, 1, 2));

        String dropped;
        try (Connection db = database()) {
            dropped = partition(db, "2020-01-01");
        }
        admin().post("/perf/retention/run").then().statusCode(200)
                .body("ran", equalTo(true))
                .body("dropped", hasItem(dropped));
        given().get(ROOT + "/" + key + "/ntp-stratum/base").then().body("ts", contains((int) recent));
        try (Connection db = database()) {
            assertFalse(tableExists(db, dropped));
        }
        // Writes within the retention period go on as before.
        post(key, "ntp-stratum", recent + 60, 3);
        given().get(ROOT + "/" + key + "/ntp-stratum/base").then().body("val", contains(2, 3));
    }

    @Test
    void retentionRunNeedsTheAdminRole() {
        writer().post("/perf/retention/run").then().statusCode(403);
    }

    private static Connection database() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class), "");
    }

    private static String partition(Connection db, String month) throws SQLException {
        try (ResultSet rs = db.createStatement().executeQuery(
                "SELECT table_name FROM ps_partition WHERE event_type = 'ntp-stratum' AND month = DATE '" + month + "'")) {
            return rs.next() ? rs.getString(1) : "none";
        }
    }

    private static boolean tableExists(Connection db, String table) throws SQLException {
        try (ResultSet rs = db.createStatement().executeQuery("SELECT to_regclass('\"" + table + "\"') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
