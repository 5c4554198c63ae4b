package org.observatory.logingest.stats;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.observatory.logingest.TestLogs.asAdmin;
import static org.observatory.logingest.TestLogs.asWriter;
import static org.observatory.logingest.TestLogs.block;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class StatsTest {

    /** Yesterday 10:00 UTC: inside every plugin's look-back, never in the future, both hours on one day. */
    private static final Instant DAY = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(1, ChronoUnit.DAYS);
    private static final Instant TEN = DAY.plus(10, ChronoUnit.HOURS);
    private static final Instant ELEVEN = DAY.plus(11, ChronoUnit.HOURS);
    private static final DateTimeFormatter TEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static boolean posted;

    @Inject
    StatsEngine engine;

    @BeforeEach
    void postOnce() {
        if (posted) {
            return;
        }
        String json = "{\"log_time\":\"" + TEN.plusSeconds(600) + "\",\"connect_time\":\"" + TEN.minusSeconds(600)
                + "\",\"client\":{\"host\":\"b\",\"ip\":\"10.7.0.2\",\"protocol\":\"DataLink\",\"client_id\":\"ringclient\"},"
                + "\"streams\":[{\"stream_id\":\"SA_STA1_00_BHZ/MSEED\",\"bytes\":50,\"packets\":1},"
                + "{\"stream_id\":\"FDSN:SA_STA2_00_B_H_Z/MSEED\",\"bytes\":200,\"packets\":2}]}\n";
        String log = block("10.7.0.1", "slinktool/4.11", TEXT.format(TEN), TEXT.format(TEN.minusSeconds(3600)),
                "SA_STA1_00_BHZ/MSEED 100 1", "SB_STB1_00_BHZ/MSEED 300 3")
                + json
                + block("10.7.0.1", "slinktool/4.11", TEXT.format(ELEVEN), TEXT.format(TEN.minusSeconds(3600)),
                "SA_STA1_00_BHZ/MSEED 1000 10");
        asWriter().contentType("text/plain").body(log).when().post("/logs/txlog").then().statusCode(200)
                .body("streamsStored", equalTo(5));
        asAdmin().when().post("/stats/flush").then().statusCode(200).body("ran", equalTo(true));
        posted = true;
    }

    private static JsonPath json(String plugin, Instant from, Instant to) {
        return given().accept("application/json").queryParam("from", from.toString()).queryParam("to", to.toString())
                .when().get("/stats/" + plugin).then().statusCode(200).extract().jsonPath();
    }

    private static String csv(String plugin, Instant from, Instant to) {
        return given().accept("text/csv").queryParam("from", from.toString()).queryParam("to", to.toString())
                .when().get("/stats/" + plugin).then().statusCode(200).contentType(startsWith("text/csv"))
                .extract().asString();
    }

    @Test
    void listsThePluginsWithTheirColumns() {
        given().accept("application/json").when().get("/stats/").then().statusCode(200)
                .body("name", hasItems("bytes-per-network", "distinct-clients", "protocols", "top-stations"))
                .body("find { it.name == 'distinct-clients' }.columns", equalTo(List.of("order", "start", "stop", "clients", "bytes")));
        String csv = given().accept("text/csv").when().get("/stats/").then().statusCode(200).extract().asString();
        assertEquals("name,summary,description,period,lookback,columns", csv.lines().findFirst().orElseThrow());
    }

    @Test
    void bytesPerNetworkInJsonAndCsv() {
        JsonPath page = json("bytes-per-network", TEN, ELEVEN.plusSeconds(3600));
        assertEquals(3, page.getInt("total"));
        assertEquals(Map.of("order", 0, "start", TEN.toString(), "stop", ELEVEN.toString(), "network", "SA",
                "bytes", 350, "packets", 4, "transfers", 3), page.getMap("rows[0]"));
        assertEquals(List.of("SA", "SB", "SA"), page.getList("rows.network"));
        assertEquals("order,start,stop,network,bytes,packets,transfers\r\n"
                        + "0," + TEN + "," + ELEVEN + ",SA,350,4,3\r\n"
                        + "1," + TEN + "," + ELEVEN + ",SB,300,3,1\r\n"
                        + "2," + ELEVEN + "," + ELEVEN.plusSeconds(3600) + ",SA,1000,10,1\r\n",
                csv("bytes-per-network", TEN, ELEVEN.plusSeconds(3600)));
    }

    @Test
    void distinctClientsInJsonAndCsv() {
        JsonPath page = json("distinct-clients", TEN, ELEVEN.plusSeconds(3600));
        assertEquals(List.of(2, 1), page.getList("rows.clients"));
        assertEquals(List.of(650, 1000), page.getList("rows.bytes"));
        assertEquals("order,start,stop,clients,bytes\r\n0," + TEN + "," + ELEVEN + ",2,650\r\n1," + ELEVEN + ","
                + ELEVEN.plusSeconds(3600) + ",1,1000\r\n", csv("distinct-clients", TEN, ELEVEN.plusSeconds(3600)));
    }

    @Test
    void topStationsInJsonAndCsv() {
        Instant next = DAY.plus(1, ChronoUnit.DAYS);
        JsonPath page = json("top-stations", DAY, next);
        assertEquals(List.of(1, 2, 3), page.getList("rows.rank"));
        assertEquals(List.of("STA1", "STB1", "STA2"), page.getList("rows.station"));
        assertEquals(List.of(1150, 300, 200), page.getList("rows.bytes"));
        assertEquals(List.of(2, 1, 1), page.getList("rows.clients"));
        assertEquals("order,start,stop,rank,network,station,bytes,clients", csv("top-stations", DAY, next).lines().findFirst().orElseThrow());
        assertEquals("0," + DAY + "," + next + ",1,SA,STA1,1150,2", csv("top-stations", DAY, next).lines().skip(1).findFirst().orElseThrow());
    }

    @Test
    void protocolsInJsonAndCsv() {
        Instant next = DAY.plus(1, ChronoUnit.DAYS);
        JsonPath page = json("protocols", DAY, next);
        assertEquals(List.of("DataLink", "SeedLink"), page.getList("rows.protocol"));
        assertEquals(List.of("ringclient", "slinktool/4.11"), page.getList("rows.agent"));
        assertEquals(List.of(2, 3), page.getList("rows.transfers"));
        assertEquals(List.of(250, 1400), page.getList("rows.bytes"));
        assertEquals("order,start,stop,protocol,agent,clients,transfers,bytes\r\n"
                + "0," + DAY + "," + next + ",DataLink,ringclient,1,2,250\r\n"
                + "1," + DAY + "," + next + ",SeedLink,slinktool/4.11,1,3,1400\r\n", csv("protocols", DAY, next));
    }

    @Test
    void pagesPastTheFirstPage() {
        JsonPath second = given().accept("application/json").queryParam("from", TEN.toString())
                .queryParam("to", ELEVEN.plusSeconds(3600).toString()).queryParam("limit", 1).queryParam("offset", 1)
                .when().get("/stats/bytes-per-network").then().statusCode(200).extract().jsonPath();
        assertEquals(3, second.getInt("total"));
        assertEquals(1, second.getList("rows").size());
        assertEquals(1, second.getInt("rows[0].order"));
        assertEquals("SB", second.getString("rows[0].network"));
        JsonPath third = given().accept("application/json").queryParam("from", TEN.toString())
                .queryParam("to", ELEVEN.plusSeconds(3600).toString()).queryParam("limit", 1).queryParam("offset", 2)
                .when().get("/stats/bytes-per-network").then().statusCode(200).extract().jsonPath();
        assertEquals(1000, third.getInt("rows[0].bytes"));
    }

    @Test
    void refusesOtherMediaTypesWith406AndUnknownPluginsWith404() {
        given().accept("text/html").when().get("/stats/distinct-clients").then().statusCode(406);
        given().accept("application/xml").when().get("/stats/").then().statusCode(406);
        given().accept("application/json").when().get("/stats/no-such-plugin").then().statusCode(404);
    }

    @Test
    void rebuildsFromStoredEventsAfterARestart() {
        Instant next = DAY.plus(1, ChronoUnit.DAYS);
        String before = csv("top-stations", DAY, next) + csv("distinct-clients", DAY, next)
                + csv("bytes-per-network", DAY, next) + csv("protocols", DAY, next);
        // A restart keeps the stored results.
        engine.restart().await().indefinitely();
        assertEquals(before, csv("top-stations", DAY, next) + csv("distinct-clients", DAY, next)
                + csv("bytes-per-network", DAY, next) + csv("protocols", DAY, next));
        // Results lost (or a plugin new here): the restart marks its look-back and the next flush rebuilds it.
        for (StatsPlugin plugin : engine.plugins()) {
            engine.forget(plugin).await().indefinitely();
        }
        engine.restart().await().indefinitely();
        assertEquals(0, json("distinct-clients", DAY, next).getInt("total"));
        engine.flush().await().indefinitely();
        assertEquals(before, csv("top-stations", DAY, next) + csv("distinct-clients", DAY, next)
                + csv("bytes-per-network", DAY, next) + csv("protocols", DAY, next));
        asAdmin().when().post("/stats/top-stations/rebuild").then().statusCode(200);
        assertEquals(before.lines().limit(4).toList(), csv("top-stations", DAY, next).lines().limit(4).toList());
    }

    @Test
    void aRangeWhoseFromIsNotBeforeItsToIsA400Problem() {
        for (String plugin : new String[] {"bytes-per-network", "top-stations"}) {
            given().accept("application/json").queryParam("from", "2026-03-17").queryParam("to", "2026-03-16")
                    .when().get("/stats/" + plugin).then().statusCode(400)
                    .contentType(startsWith("application/problem+json")).body("status", equalTo(400));
            given().accept("text/csv").queryParam("from", "2026-03-16T00:00:00Z").queryParam("to", "2026-03-16T00:00:00Z")
                    .when().get("/stats/" + plugin).then().statusCode(400);
        }
    }

    @Test
    void onlyAdminsFlush() {
        given().when().post("/stats/flush").then().statusCode(401);
        asWriter().when().post("/stats/flush").then().statusCode(403);
    }
}
