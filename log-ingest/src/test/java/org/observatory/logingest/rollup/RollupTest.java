package org.observatory.logingest.rollup;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.observatory.logingest.TestLogs.asAdmin;
import static org.observatory.logingest.TestLogs.asWriter;
import static org.observatory.logingest.TestLogs.block;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RollupTest {

    @Inject
    Pool pool;

    private static void post(String log) {
        asWriter().contentType("text/plain").body(log).when().post("/logs/txlog").then().statusCode(200);
    }

    private static void refresh() {
        asAdmin().when().post("/logs/rollups/refresh").then().statusCode(200).body("ran", equalTo(true));
    }

    private static JsonPath totals(String resolution, String network, String groupBy) {
        return given().accept("application/json")
                .queryParam("resolution", resolution).queryParam("from", "2026-02-01").queryParam("to", "2026-04-01")
                .queryParam("network", network).queryParam("groupBy", groupBy)
                .when().get("/logs/totals").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void rollupsMatchTheRawSumsAtEveryResolution() {
        post(block("10.8.0.1", "roll", "2026-02-27 01:00:00", "2026-02-27 00:00:00", "RU_AAA_00_BHZ/MSEED 100 1",
                "RU_BBB_00_BHZ/MSEED 200 2")
                + block("10.8.0.2", "roll", "2026-02-27 01:30:00", "2026-02-27 00:00:00", "RU_AAA_00_BHZ/MSEED 1000 10")
                + block("81.2.69.142", "roll", "2026-02-28 23:00:00", "2026-02-28 22:00:00", "RU_AAA_10_HHZ/MSEED 5000 50")
                + block("10.8.0.1", "roll", "2026-03-01 00:30:00", "2026-03-01 00:00:00", "RU_BBB_00_BHZ/MSEED 7 1"));
        refresh();
        Row raw = pool.query("SELECT sum(bytes), sum(packets), count(*) FROM log_event WHERE network = 'RU'")
                .execute().await().indefinitely().iterator().next();
        for (String resolution : List.of("hour", "day", "month")) {
            JsonPath all = totals(resolution, "RU", "");
            assertEquals(raw.getLong(0), all.getLong("rows[0].bytes"), resolution);
            assertEquals(raw.getLong(1), all.getLong("rows[0].packets"), resolution);
            assertEquals(raw.getLong(2), all.getLong("rows[0].events"), resolution);
            JsonPath byStation = totals(resolution, "RU", "station,location");
            assertEquals(3, byStation.getInt("total"), resolution);
            assertEquals(Map.of("station", "AAA", "location", "10", "bytes", 5000, "packets", 50, "events", 1),
                    byStation.getMap("rows[0]"), resolution);
            assertEquals(1100, byStation.getInt("rows[1].bytes"), resolution);
        }
        JsonPath byCountry = totals("day", "RU", "country");
        assertEquals("GB", byCountry.getString("rows[0].country"));
        assertEquals(null, byCountry.getString("rows[1].country"));

        JsonPath months = given().queryParam("resolution", "month").queryParam("from", "2026-01-01").queryParam("to", "2026-06-01")
                .queryParam("network", "RU").when().get("/logs/series").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z"), months.getList("rows.bucket"));
        assertEquals(List.of(6300, 7), months.getList("rows.bytes"));
        JsonPath hours = given().queryParam("resolution", "hour").queryParam("from", "2026-02-27").queryParam("to", "2026-03-02")
                .queryParam("network", "RU").queryParam("groupBy", "station").when().get("/logs/series")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(4, hours.getInt("total"));
        assertEquals("2026-02-27T01:00:00Z", hours.getString("rows[0].bucket"));
        assertEquals(1100, hours.getInt("rows[0].bytes"));
    }

    @Test
    void aLateLogUpdatesHoursAlreadyRolledUp() {
        post(block("10.9.0.1", "late", "2026-02-20 05:00:00", "2026-02-20 04:00:00", "LT_AAA_00_BHZ/MSEED 10 1"));
        refresh();
        assertEquals(10, totals("hour", "LT", "").getInt("rows[0].bytes"));
        post(block("10.9.0.2", "late", "2026-02-20 05:10:00", "2026-02-20 04:00:00", "LT_AAA_00_BHZ/MSEED 32 1"));
        refresh();
        assertEquals(42, totals("hour", "LT", "").getInt("rows[0].bytes"));
        assertEquals(42, totals("month", "LT", "").getInt("rows[0].bytes"));
        // Posting it again changes nothing.
        post(block("10.9.0.2", "late", "2026-02-20 05:10:00", "2026-02-20 04:00:00", "LT_AAA_00_BHZ/MSEED 32 1"));
        refresh();
        assertEquals(42, totals("day", "LT", "").getInt("rows[0].bytes"));
    }

    @Test
    void servesCsvWithAHeaderAndPagesPastTheFirst() {
        post(block("10.10.0.1", "csv", "2026-02-21 05:00:00", "2026-02-21 04:00:00", "CV_AAA_00_BHZ/MSEED 30 1",
                "CV_BBB_00_BHZ/MSEED 20 1", "CV_CCC_00_BHZ/MSEED 10 1"));
        refresh();
        String csv = given().accept("text/csv").queryParam("resolution", "day").queryParam("from", "2026-02-01")
                .queryParam("to", "2026-03-01").queryParam("network", "CV").queryParam("groupBy", "network,station")
                .queryParam("limit", 2).queryParam("offset", 1)
                .when().get("/logs/totals").then().statusCode(200).contentType(startsWith("text/csv")).extract().asString();
        assertEquals("network,station,bytes,packets,events\r\nCV,BBB,20,1,1\r\nCV,CCC,10,1,1\r\n", csv);
    }

    @Test
    void refusesUnknownDimensionsAndOverlongRanges() {
        given().queryParam("groupBy", "city").when().get("/logs/totals").then().statusCode(400)
                .body("errors[0].field", equalTo("groupBy"));
        given().queryParam("resolution", "hour").queryParam("from", "2020-01-01").queryParam("to", "2026-01-01")
                .when().get("/logs/series").then().statusCode(400).body("errors[0].field", equalTo("to"));
        given().queryParam("resolution", "week").when().get("/logs/series").then().statusCode(400);
        given().queryParam("limit", 0).when().get("/logs/totals").then().statusCode(400);
    }

    @Test
    void onlyAdminsTriggerARefresh() {
        given().when().post("/logs/rollups/refresh").then().statusCode(401);
        asWriter().when().post("/logs/rollups/refresh").then().statusCode(403);
    }
}
