package org.observatory.logingest.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.observatory.logingest.TestLogs.asAdmin;
import static org.observatory.logingest.TestLogs.asWriter;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Usage logs in the JSON Lines format of ringserver 4.5 (-Uj): one object per client and direction, fields in the
 * order ringserver writes them. The fixtures are written here after reading ringserver's src/logging.c.
 */
@QuarkusTest
class RingserverJsonLinesTest {

    // A SeedLink 4 client over TLS that received two streams, one of them as miniSEED 3.
    private static final String TX_SEEDLINK = """
            {"log_time":"2026-01-20T10:00:00Z","log_start_time":"2026-01-20T09:00:00Z","connect_time":"2026-01-20T08:12:45Z",\
            "client":{"ip":"10.50.0.1","server_port":18000,"hostname":"slclient.example.org","user_agent":"slinktool/5.0"},\
            "transfer_protocol":{"name":"SeedLink","version":"4.0","is_tls":true},"transfer_direction":"TX",\
            "service":{"name":"ringserver","version":"4.5.3"},"streams":[\
            {"stream_id":"FDSN:XJ_TXA_00_B_H_Z/MSEED","bytes":4096,"packets":8},\
            {"stream_id":"FDSN:XJ_TXA_00_B_H_N/MSEED3","bytes":1024,"packets":2}],"transfer_bytes":5120}
            """;
    // An authenticated DataLink client that received one stream.
    private static final String TX_DATALINK = """
            {"log_time":"2026-01-20T10:00:00Z","log_start_time":"2026-01-20T09:00:00Z","connect_time":"2026-01-20T09:30:00Z",\
            "client":{"ip":"2001:db8::50","server_port":16000,"hostname":"2001:db8::50","user_agent":"dalitool/2.0"},\
            "auth":{"method":"jwt","username":"archive-mirror"},\
            "transfer_protocol":{"name":"DataLink","version":"1.1"},"transfer_direction":"TX",\
            "service":{"name":"ringserver","version":"4.5.3"},"streams":[\
            {"stream_id":"FDSN:XJ_TXB__H_H_Z/MSEED","bytes":1024,"packets":2}],"transfer_bytes":1024}
            """;
    // A data source that sent data in: received, not transmitted.
    private static final String RX_DATALINK = """
            {"log_time":"2026-01-20T10:00:00Z","log_start_time":"2026-01-20T09:00:00Z","connect_time":"2026-01-19T00:00:00Z",\
            "client":{"ip":"10.50.0.9","server_port":16000,"hostname":"digitizer.example.org","user_agent":"slink2dali"},\
            "auth":{"method":"userpass","username":"station-feed"},\
            "transfer_protocol":{"name":"DataLink","version":"1.1"},"transfer_direction":"RX",\
            "service":{"name":"ringserver","version":"4.5.3"},"streams":[\
            {"stream_id":"FDSN:XJ_TXA_00_B_H_Z/MSEED","bytes":999424,"packets":1952},\
            {"stream_id":"FDSN:XJ_TXA_00_B_H_N/MSEED3","bytes":575,"packets":1}],"transfer_bytes":999999}
            """;

    @Inject
    Pool pool;

    /** Posts a JSON Lines log as ringserver's files are served ({@code application/x-ndjson}). */
    private static io.restassured.response.ValidatableResponse post(String log) {
        return asWriter().contentType("application/x-ndjson").body(log.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post("/logs/txlog").then();
    }

    private Row row(String sql) {
        return pool.query(sql).execute().await().indefinitely().iterator().next();
    }

    @Test
    void aMixedUploadCountsOnlyTheTransmittedBytesAndReportsTheReceivedRecordAsSkipped() {
        // 6,144 bytes were sent to clients; 999,999 were received from a data source (1,006,143 together).
        post(TX_SEEDLINK + RX_DATALINK + TX_DATALINK).statusCode(200)
                .body("blocks", equalTo(2)).body("streamsStored", equalTo(3)).body("rejectedLines", equalTo(0))
                .body("skippedRecords", equalTo(1)).body("skipped[0].line", equalTo(2))
                .body("skipped[0].reason", containsString("RX"));
        assertEquals(6144, row("SELECT sum(bytes) FROM log_event WHERE network = 'XJ'").getLong(0));
        asAdmin().when().post("/logs/rollups/refresh").then().statusCode(200);
        JsonPath totals = given().queryParam("resolution", "day").queryParam("from", "2026-01-20").queryParam("to", "2026-01-21")
                .queryParam("network", "XJ").queryParam("groupBy", "network")
                .when().get("/logs/totals").then().statusCode(200).extract().jsonPath();
        assertEquals(6144, totals.getLong("rows[0].bytes"));
        JsonPath protocols = given().queryParam("resolution", "hour").queryParam("from", "2026-01-20").queryParam("to", "2026-01-21")
                .queryParam("network", "XJ").queryParam("groupBy", "protocol")
                .when().get("/logs/totals").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("SeedLink", "DataLink"), protocols.getList("rows.protocol"));
        assertEquals(List.of(5120, 1024), protocols.getList("rows.bytes"));
    }

    @Test
    void storesProtocolVersionUserAgentAuthenticatedUserAndMiniSeed3StreamIds() {
        post(TX_SEEDLINK.replace("XJ_", "XK_") + TX_DATALINK.replace("XJ_", "XK_")).statusCode(200).body("streamsStored", equalTo(3));
        Row seedlink = row("SELECT protocol, protocol_version, agent, username, stream_id, channel FROM log_event "
                + "WHERE network = 'XK' AND stream_id LIKE '%/MSEED3'");
        assertEquals("SeedLink", seedlink.getString(0));
        assertEquals("4.0", seedlink.getString(1));
        assertEquals("slinktool/5.0", seedlink.getString(2));
        assertNull(seedlink.getString(3));
        assertEquals("FDSN:XK_TXA_00_B_H_N/MSEED3", seedlink.getString(4));
        assertEquals("BHN", seedlink.getString(5));
        Row datalink = row("SELECT protocol, protocol_version, agent, username FROM log_event WHERE network = 'XK' AND station = 'TXB'");
        assertEquals(List.of("DataLink", "1.1", "dalitool/2.0", "archive-mirror"),
                List.of(datalink.getString(0), datalink.getString(1), datalink.getString(2), datalink.getString(3)));
    }

    @Test
    void aBodyOfReceivedRecordsOnlyStoresNothingAndSaysWhy() {
        post(RX_DATALINK.replace("XJ_", "XR_")).statusCode(200)
                .body("blocks", equalTo(0)).body("streamsStored", equalTo(0)).body("skippedRecords", equalTo(1));
        assertEquals(0, row("SELECT count(*) FROM log_event WHERE network = 'XR'").getLong(0));
    }

    @Test
    void refusesARecordWhoseTransferBytesDisagreeWithItsStreamsOrWithAnUnknownDirection() {
        post(TX_DATALINK.replace("XJ_", "XW_").replace("\"transfer_bytes\":1024", "\"transfer_bytes\":1025")
                + TX_DATALINK.replace("XJ_", "XW_").replace("\"TX\"", "\"UP\"")).statusCode(422)
                .body("errors[0].message", containsString("transfer_bytes 1025"))
                .body("errors[1].message", containsString("transfer_direction"));
    }

    @Test
    void repeatedGroupByIsTheSameAsTheCommaForm() {
        post(TX_SEEDLINK.replace("XJ_", "XG_") + TX_DATALINK.replace("XJ_", "XG_")).statusCode(200);
        asAdmin().when().post("/logs/rollups/refresh").then().statusCode(200);
        String comma = given().accept("text/csv").queryParam("resolution", "day").queryParam("from", "2026-01-20")
                .queryParam("to", "2026-01-21").queryParam("network", "XG").queryParam("groupBy", "station,protocol")
                .when().get("/logs/totals").then().statusCode(200).extract().asString();
        String repeated = given().accept("text/csv").queryParam("resolution", "day").queryParam("from", "2026-01-20")
                .queryParam("to", "2026-01-21").queryParam("network", "XG").queryParam("groupBy", "station", "protocol")
                .when().get("/logs/totals").then().statusCode(200).extract().asString();
        assertEquals("station,protocol,bytes,packets,events\r\nTXA,SeedLink,5120,10,2\r\nTXB,DataLink,1024,2,1\r\n", comma);
        assertEquals(comma, repeated);
        given().queryParam("groupBy", "station").queryParam("groupBy", "city").when().get("/logs/totals").then().statusCode(400)
                .body("errors[0].field", equalTo("groupBy"));
    }
}
