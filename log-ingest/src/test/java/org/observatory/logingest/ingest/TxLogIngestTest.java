package org.observatory.logingest.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.observatory.logingest.TestLogs.asWriter;
import static org.observatory.logingest.TestLogs.block;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.observatory.testsupport.SharedData;

@QuarkusTest
class TxLogIngestTest {

    @Inject
    Pool pool;

    @TestHTTPResource("/")
    URL base;

    private static ValidatableResponse post(byte[] body, String contentEncoding) {
        var request = asWriter().contentType("text/plain").body(body);
        if (contentEncoding != null) {
            request = request.header("Content-Encoding", contentEncoding);
        }
        return request.when().post("/logs/txlog").then();
    }

    private static ValidatableResponse post(String body) {
        return post(body.getBytes(StandardCharsets.UTF_8), null);
    }

    private long count(String where, Object... params) {
        return pool.preparedQuery("SELECT count(*) FROM log_event WHERE " + where).execute(Tuple.from(params))
                .await().indefinitely().iterator().next().getLong(0);
    }

    @Test
    void storesTheSampleLogsOnceWhenPostedTwice() throws IOException {
        byte[] older = Files.readAllBytes(SharedData.path("ringserver/txlog-doc-examples.txt"));
        byte[] v4 = Files.readAllBytes(SharedData.path("ringserver/txlog-v4-doc-example.txt"));
        post(older, null).statusCode(200)
                .body("lines", equalTo(7))
                .body("blocks", equalTo(2)).body("blocksStored", equalTo(2))
                .body("streams", equalTo(3)).body("streamsStored", equalTo(3))
                .body("duplicates", equalTo(0)).body("rejectedLines", equalTo(0));
        post(v4, null).statusCode(200).body("streamsStored", equalTo(2));
        post(older, null).statusCode(200)
                .body("blocks", equalTo(2)).body("blocksStored", equalTo(0))
                .body("streamsStored", equalTo(0)).body("duplicates", equalTo(3));
        assertEquals(1, count("network = 'FR' AND station = 'SURF'"));
        // The v4 id lands on the same network, station and channel as the older one.
        assertEquals(4, count("network = 'IU' AND station = 'SNZO' AND channel = 'BHZ'"));
        assertEquals(2, count("network = 'IU' AND station = 'SNZO' AND band = 'B' AND source = 'H' AND subsource = 'Z'"));
    }

    @Test
    void storesEachTransferOfAnOverlappingLogOnce() {
        String a = block("10.1.0.1", "overlap", "2026-03-10 01:00:00", "2026-03-10 00:00:00", "OV_AAA_00_BHZ/MSEED 100 1");
        String b = block("10.1.0.2", "overlap", "2026-03-10 01:00:00", "2026-03-10 00:00:00", "OV_BBB_00_BHZ/MSEED 200 2",
                "OV_BBB_00_BHN/MSEED 300 3");
        String c = block("10.1.0.3", "overlap", "2026-03-10 02:00:00", "2026-03-10 00:00:00", "OV_CCC__HHZ/MSEED 400 4");
        post(a + b).statusCode(200).body("streamsStored", equalTo(3));
        post(b + c).statusCode(200).body("blocks", equalTo(2)).body("blocksStored", equalTo(1))
                .body("streamsStored", equalTo(1)).body("duplicates", equalTo(2));
        assertEquals(4, count("network = 'OV'"));
    }

    @Test
    void readsGzipByHeaderOrMagicBytesAndJsonLines() throws IOException {
        String text = block("10.2.0.1", "gz", "2026-03-11 01:00:00", "2026-03-11 00:00:00", "GZ_AAA_00_BHZ/MSEED 10 1");
        String json = "{\"log_time\":\"2026-03-11T02:00:00Z\",\"connect_time\":\"2026-03-11T01:30:00Z\",\"client\":{\"host\":\"j\","
                + "\"ip\":\"2001:218::1\",\"protocol\":\"DataLink\",\"client_id\":\"dali client\"},\"streams\":["
                + "{\"stream_id\":\"FDSN:GZ_BBB__H_H_Z/MSEED\",\"bytes\":20,\"packets\":1}]}\n";
        post(gzip(text), "gzip").statusCode(200).body("streamsStored", equalTo(1));
        post(gzip(json), null).statusCode(200).body("streamsStored", equalTo(1));
        Row row = pool.query("SELECT protocol, agent, country, location FROM log_event WHERE network = 'GZ' AND station = 'BBB'")
                .execute().await().indefinitely().iterator().next();
        assertEquals("DataLink", row.getString(0));
        assertEquals("dali client", row.getString(1));
        assertEquals("JP", row.getString(2));
        assertEquals("", row.getString(3));
    }

    @Test
    void locatesKnownClientsLeavesOthersUnknownAndNeverStoresTheAddress() {
        post(block("81.2.69.142", "geo", "2026-03-12 01:00:00", "2026-03-12 00:00:00", "GE_LON_00_BHZ/MSEED 10 1")
                + block("10.3.0.1", "geo", "2026-03-12 01:00:00", "2026-03-12 00:00:00", "GE_UNK_00_BHZ/MSEED 10 1"))
                .statusCode(200).body("streamsStored", equalTo(2));
        Row london = row("SELECT country, city, geohash, client_hash FROM log_event WHERE network = 'GE' AND station = 'LON'");
        assertEquals("GB", london.getString(0));
        assertEquals("London", london.getString(1));
        assertEquals("gcpvj", london.getString(2));
        assertTrue(london.getString(3).matches("[0-9a-f]{16}"), london.getString(3));
        Row unknown = row("SELECT country, city, geohash, client_hash FROM log_event WHERE network = 'GE' AND station = 'UNK'");
        assertNull(unknown.getString(0));
        assertNull(unknown.getString(1));
        assertNull(unknown.getString(2));
        assertNotEquals(london.getString(3), unknown.getString(3));
        assertEquals(0, count("client_hash LIKE '%81.2%' OR agent LIKE '%81.2%'"));
    }

    @Test
    void reportsRejectedLinesAndStoresTheRest() {
        String good = block("10.4.0.1", "mixed", "2026-03-13 01:00:00", "2026-03-13 00:00:00", "RJ_GOOD_00_BHZ/MSEED 10 1");
        String truncated = "START CLIENT t [10.4.0.2] (SeedLink|x) @ 2026-03-13 01:00:00 (connected 2026-03-13 00:00:00) TX\n"
                + "RJ_TRUNC_00_BHZ/MSEED 10 1\n";
        String future = block("10.4.0.3", "mixed", "2099-03-13 01:00:00", "2026-03-13 00:00:00", "RJ_FUT_00_BHZ/MSEED 10 1");
        post(truncated + good + future + "garbage line\n").statusCode(200)
                .body("blocks", equalTo(1)).body("streamsStored", equalTo(1))
                .body("rejectedLines", equalTo(6))
                .body("rejections.line", equalTo(java.util.List.of(1, 2, 6, 7, 8, 9)))
                .body("rejections[0].reason", containsString("not closed"))
                .body("rejections[2].reason", containsString("future"))
                .body("rejections[5].reason", containsString("not inside"));
        assertEquals(1, count("network = 'RJ'"));
    }

    @Test
    void refusesBinaryGarbageWith422AndStoresNothing() {
        byte[] garbage = new byte[50_000];
        for (int i = 0; i < garbage.length; i++) {
            garbage[i] = (byte) (i * 131 + 17);
        }
        post(garbage, null).statusCode(422)
                .contentType("application/problem+json")
                .body("detail", containsString("nothing was stored"))
                .body("errors.field", hasItem("line 1"));
    }

    @Test
    void refusesCorruptGzipWith400() {
        byte[] body = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 'n', 'o', 't', 'g', 'z', 'i', 'p'};
        post(body, null).statusCode(400).contentType("application/problem+json");
        post("plain text".getBytes(StandardCharsets.UTF_8), "gzip").statusCode(400);
        post("plain text".getBytes(StandardCharsets.UTF_8), "br").statusCode(415);
    }

    @Test
    void refusesAnOversizedStreamedBodyWholeWith413() throws IOException {
        StringBuilder log = new StringBuilder();
        int i = 0;
        while (log.length() < 3_500_000) {
            log.append(block("10.5." + (i / 250) + "." + (i % 250), "big", "2026-03-14 01:00:00", "2026-03-14 00:00:00",
                    "BG_S" + (i % 1000) + "_00_BHZ/MSEED 10 1"));
            i++;
        }
        // Sent chunked: the limit is enforced while reading, after batches were already inserted.
        InputStream chunked = new ByteArrayInputStream(log.toString().getBytes(StandardCharsets.UTF_8));
        asWriter().contentType("text/plain").body(chunked).when().post("/logs/txlog").then().statusCode(413);
        assertEquals(0, count("network = 'BG'"));
    }

    @Test
    void refusesAGzipBombOfBlankLinesAfterAFewMegabytesEitherWayItIsDeclared() throws IOException {
        // ~1 MB on the wire that expands to 1 GiB of newlines, after one valid block (which must not be stored).
        byte[] bomb = bomb(block("10.6.0.1", "bomb", "2026-03-14 01:00:00", "2026-03-14 00:00:00",
                "BO_AAA_00_BHZ/MSEED 10 1"), "\n".repeat(1 << 20), 1024);
        assertTrue(bomb.length < 2_000_000, "bomb of " + bomb.length + " bytes");
        for (boolean byHeader : new boolean[] {true, false}) {
            var request = asWriter().contentType(byHeader ? "text/plain" : "application/gzip").body(bomb);
            if (byHeader) {
                request = request.header("Content-Encoding", "gzip");
            }
            String detail = request.when().post("/logs/txlog").then()
                    .statusCode(413)
                    .contentType("application/problem+json")
                    .body("status", equalTo(413))
                    .body("title", equalTo("Payload Too Large"))
                    .body("detail", containsString("nothing was stored"))
                    .extract().path("detail");
            // What the service decompressed before it refused: bounded by the limits, nowhere near the 1 GiB.
            long decompressed = decompressedBytes(detail);
            assertTrue(decompressed <= MAX_UNUSABLE_LINES + LINE_READER_BUFFER + 1024, detail);
        }
        assertEquals(0, count("network = 'BO'"));
    }

    @Test
    void refusesAGzipBombOfEmptyBlocksByItsCompressionRatio() throws IOException {
        // Well-formed blocks without streams are not unusable lines: the compression ratio stops them.
        String empty = block("10.6.0.2", "ratio", "2026-03-14 01:00:00", "2026-03-14 00:00:00");
        byte[] bomb = bomb(block("10.6.0.3", "ratio", "2026-03-14 01:00:00", "2026-03-14 00:00:00",
                "BR_AAA_00_BHZ/MSEED 10 1"), empty.repeat((1 << 20) / empty.length()), 64);
        String detail = post(bomb, "gzip").statusCode(413)
                .contentType("application/problem+json")
                .body("detail", containsString("compressed size"))
                .body("detail", containsString("nothing was stored"))
                .extract().path("detail");
        assertTrue(decompressedBytes(detail) <= MAX_COMPRESSION_RATIO * bomb.length, detail);
        assertEquals(0, count("network = 'BR'"));
    }

    @Test
    void refusesAPlainLogOfBlankLinesBeyondTheBound() {
        String blanks = block("10.6.0.4", "blank", "2026-03-14 01:00:00", "2026-03-14 00:00:00", "BL_AAA_00_BHZ/MSEED 10 1")
                + "\r\n".repeat(MAX_UNUSABLE_LINES + 1);
        post(blanks).statusCode(413).contentType("application/problem+json")
                .body("detail", containsString("lines without a record"));
        assertEquals(0, count("network = 'BL'"));
    }

    /** The defaults of logs.ingest (the test profile keeps them). */
    private static final int MAX_UNUSABLE_LINES = 1_000_000;
    private static final long MAX_COMPRESSION_RATIO = 100;
    private static final int LINE_READER_BUFFER = 64 * 1024;

    private static long decompressedBytes(String detail) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("after (\\d+) decompressed bytes").matcher(detail);
        assertTrue(m.find(), detail);
        return Long.parseLong(m.group(1));
    }

    /** A gzip body of several members (as gzip allows): {@code head} once, then {@code filler} {@code times} times. */
    private static byte[] bomb(String head, String filler, int times) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(gzip(head));
        byte[] member = gzip(filler);
        for (int i = 0; i < times; i++) {
            out.write(member);
        }
        return out.toByteArray();
    }

    @Test
    void refusesATwoGigabyteUploadBeforeReadingIt() throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /logs/txlog HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\n"
                    + "Authorization: Bearer " + org.observatory.logingest.TestLogs.writerToken() + "\r\n"
                    + "Content-Length: 2147483648\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write("START CLIENT".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertEquals("HTTP/1.1 413", status);
        }
    }

    @Test
    void needsATokenWithTheWriteRole() {
        given().contentType("text/plain").body("x").when().post("/logs/txlog").then().statusCode(401);
        given().auth().oauth2(io.quarkus.test.oidc.server.OidcWiremockTestResource.getAccessToken("reader", Set.of("logs:read")))
                .contentType("text/plain").body("x").when().post("/logs/txlog").then().statusCode(403);
    }

    private Row row(String sql) {
        return pool.query(sql).execute().await().indefinitely().iterator().next();
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
