package org.observatory.logingest.txlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.observatory.testsupport.SharedData;

class TxLogParserTest {

    private static final ParserLimits LIMITS = ParserLimits.at(Instant.parse("2026-11-23T00:00:00Z"));

    private final List<TxBlock> blocks = new ArrayList<>();
    private final List<Rejection> rejections = new ArrayList<>();
    private final List<Rejection> skipped = new ArrayList<>();

    private void parse(String text) throws IOException {
        parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private void parse(InputStream in) throws IOException {
        TxLogParser.parse(new ObjectMapper(), in, LIMITS, new TxLogParser.Sink() {
            @Override
            public void block(TxBlock block) {
                blocks.add(block);
            }

            @Override
            public void rejected(Rejection rejection) {
                rejections.add(rejection);
            }

            @Override
            public void skipped(Rejection skip) {
                skipped.add(skip);
            }
        });
    }

    @Test
    void skipsTextRxBlocksWithAReasonAndKeepsTheTxOnes() throws IOException {
        // ringserver writes RX blocks (data received from sources) in the same shape, ending in RX.
        parse("""
                START CLIENT src.example.org [10.0.0.9] (DataLink|slink2dali) @ 2026-03-16T01:00:00Z (connected 2026-03-15T00:00:00Z) RX
                FDSN:IU_ANMO_00_B_H_Z/MSEED3 999999 1953
                END CLIENT src.example.org [10.0.0.9] total RX bytes: 999999
                START CLIENT c.example.org [10.0.0.1] (SeedLink|slinktool) @ 2026-03-16T01:00:00Z (connected 2026-03-16T00:00:00Z) TX
                FDSN:IU_ANMO_00_B_H_Z/MSEED3 6144 12
                END CLIENT c.example.org [10.0.0.1] total TX bytes: 6144
                START CLIENT d.example.org [10.0.0.2] (SeedLink|slinktool) @ 2026-03-16T01:00:00Z (connected 2026-03-16T00:00:00Z) TX
                IU_ANMO_00_BHZ/MSEED 10 1
                END CLIENT d.example.org [10.0.0.2] total RX bytes: 10
                """);
        assertEquals(1, skipped.size());
        assertEquals(1, skipped.get(0).line());
        assertTrue(skipped.get(0).reason().contains("RX"), skipped.get(0).reason());
        assertEquals(1, blocks.size());
        assertEquals(6144, blocks.get(0).totalBytes());
        assertEquals("MSEED3", blocks.get(0).streams().get(0).stream().format());
        // An END of the other direction does not close a block.
        assertEquals(9, rejections.get(rejections.size() - 1).line());
        assertTrue(rejections.get(0).reason().contains("END names client"), rejections.get(0).reason());
    }

    @Test
    void parsesEveryBlockOfTheDocumentedExamples() throws IOException {
        try (InputStream in = Files.newInputStream(SharedData.path("ringserver/txlog-doc-examples.txt"))) {
            parse(in);
        }
        assertEquals(List.of(), rejections);
        assertEquals(2, blocks.size());
        TxBlock first = blocks.get(0);
        assertEquals("52.red-88-2-197.staticip.rima-tde.net", first.host());
        assertEquals("88.2.197.52", first.address());
        assertEquals("SeedLink", first.protocol());
        assertEquals("SeedLink Client", first.clientId());
        assertEquals(Instant.parse("2016-11-28T00:00:00Z"), first.logTime());
        assertEquals(Instant.parse("2016-11-26T16:37:07Z"), first.connectTime());
        StreamTransfer surf = first.streams().get(0);
        assertEquals(new StreamId("FR", "SURF", "00", "HHZ", null, null, null, "MSEED"), surf.stream());
        assertEquals(21511168L, surf.bytes());
        assertEquals(42014L, surf.packets());
        assertEquals(2, surf.line());
        assertEquals(List.of("10", "00"), blocks.get(1).streams().stream().map(s -> s.stream().location()).toList());
    }

    @Test
    void splitsFdsnSourceIdsIntoBandSourceAndSubsource() throws IOException {
        try (InputStream in = Files.newInputStream(SharedData.path("ringserver/txlog-v4-doc-example.txt"))) {
            parse(in);
        }
        assertEquals(List.of(), rejections);
        StreamId id = blocks.get(0).streams().get(0).stream();
        // ringserverstats read this as network=10, station=B
        assertEquals("IU", id.network());
        assertEquals("SNZO", id.station());
        assertEquals("10", id.location());
        assertEquals("BHZ", id.channel());
        assertEquals("B", id.band());
        assertEquals("H", id.source());
        assertEquals("Z", id.subsource());
        assertEquals("slinktool/4.11", blocks.get(0).clientId());
        assertEquals("FDSN:IU_SNZO_10_B_H_Z/MSEED", id.text());
    }

    @Test
    void acceptsIsoTimesIpv6EmptyLocationsAndClientIdsWithSpaces() throws IOException {
        parse("""
                START CLIENT ip6-host.example.org [2001:218:1::5] (DataLink|my (test) client 1.0) @ 2026-03-16T01:00:00Z (connected 2026-03-15T22:10:00Z) TX
                IU_ANMO__BHZ/MSEED 5120 10
                FDSN:GE_WLF__H_H_N/MSEED 1024 2
                END CLIENT ip6-host.example.org [2001:218:1::5] total TX bytes: 6144
                """);
        assertEquals(List.of(), rejections);
        TxBlock block = blocks.get(0);
        assertEquals("2001:218:1::5", block.address());
        assertEquals("DataLink", block.protocol());
        assertEquals("my (test) client 1.0", block.clientId());
        assertEquals(Instant.parse("2026-03-16T01:00:00Z"), block.logTime());
        assertEquals("", block.streams().get(0).stream().location());
        assertEquals("", block.streams().get(1).stream().location());
        assertEquals("HHN", block.streams().get(1).stream().channel());
    }

    @Test
    void readsJsonLinesBesideTextBlocks() throws IOException {
        parse("""
                {"log_time":"2026-03-16T02:00:00Z","connect_time":"2026-03-16T01:30:00Z","client":{"host":"a.example","ip":"81.2.69.142","protocol":"SeedLink","client_id":"slinktool/4.11"},"streams":[{"stream_id":"FDSN:IU_SNZO_10_B_H_Z/MSEED","bytes":2560,"packets":5},{"stream_id":"IU_SNZO_00_BHZ/MSEED","bytes":2048,"packets":4}]}
                START CLIENT h [10.0.0.1] (SeedLink|x) @ 2026-03-16 02:00:00 (connected 2026-03-16 01:00:00) TX
                XX_ABC_00_BHZ/MSEED 10 1
                END CLIENT h [10.0.0.1] total TX bytes: 10
                {"log_time":"2026-03-16T02:00:00Z","connect_time":"2026-03-16T01:30:00Z","client":{"ip":"89.160.20.112"},"streams":[{"stream_id":"XX_ABC_00_BHZ/MSEED","bytes":-1,"packets":0}]}
                """);
        assertEquals(2, blocks.size());
        TxBlock json = blocks.get(0);
        assertEquals(1, json.line());
        assertEquals("a.example", json.host());
        assertEquals("slinktool/4.11", json.clientId());
        assertEquals(4608L, json.totalBytes());
        assertEquals(1, rejections.size());
        assertEquals(5, rejections.get(0).line());
        assertTrue(rejections.get(0).reason().contains("bytes"), rejections.get(0).reason());
    }

    @Test
    void rejectsATruncatedBlockLineByLineAndKeepsTheNextOne() throws IOException {
        parse("""
                START CLIENT h [10.0.0.1] (SeedLink|x) @ 2026-03-16 02:00:00 (connected 2026-03-16 01:00:00) TX
                XX_ABC_00_BHZ/MSEED 10 1
                START CLIENT h [10.0.0.2] (SeedLink|x) @ 2026-03-16 02:00:00 (connected 2026-03-16 01:00:00) TX
                XX_ABC_00_BHZ/MSEED 10 1
                END CLIENT h [10.0.0.2] total TX bytes: 10
                START CLIENT h [10.0.0.3] (SeedLink|x) @ 2026-03-16 02:00:00 (connected 2026-03-16 01:00:00) TX
                XX_ABC_00_BHZ/MSEED 10 1
                """);
        assertEquals(1, blocks.size());
        assertEquals("10.0.0.2", blocks.get(0).address());
        assertEquals(List.of(1L, 2L, 6L, 7L), rejections.stream().map(Rejection::line).toList());
        assertTrue(rejections.get(0).reason().contains("not closed"));
        assertTrue(rejections.get(1).reason().startsWith("block rejected"));
    }

    @Test
    void rejectsTheWholeBlockOfABadStreamLineAndNamesTheLine() throws IOException {
        parse("""
                START CLIENT h [10.0.0.1] (SeedLink|x) @ 2026-03-16 02:00:00 (connected 2026-03-16 01:00:00) TX
                XX_ABC_00_BHZ/MSEED 10 1
                FDSN:IU_SNZO_10_BHZ/MSEED 10 1
                END CLIENT h [10.0.0.1] total TX bytes: 20
                """);
        assertEquals(0, blocks.size());
        assertEquals(List.of(1L, 2L, 3L, 4L), rejections.stream().map(Rejection::line).toList());
        assertTrue(rejections.get(2).reason().contains("expected 6"), rejections.get(2).reason());
    }

    @Test
    void rejectsAbsurdNumbersFutureDatesAndWrongTotals() throws IOException {
        parse("""
                START CLIENT h [10.0.0.1] (SeedLink|x) @ 2026-03-16 02:00:00 (connected 2026-03-16 01:00:00) TX
                XX_ABC_00_BHZ/MSEED 99999999999999999999 1
                END CLIENT h [10.0.0.1] total TX bytes: 1
                START CLIENT h [10.0.0.1] (SeedLink|x) @ 2099-03-16 02:00:00 (connected 2026-03-16 01:00:00) TX
                XX_ABC_00_BHZ/MSEED 10 1
                END CLIENT h [10.0.0.1] total TX bytes: 10
                START CLIENT h [10.0.0.1] (SeedLink|x) @ 2026-03-16 02:00:00 (connected 2026-03-16 01:00:00) TX
                XX_ABC_00_BHZ/MSEED 10 1
                END CLIENT h [10.0.0.1] total TX bytes: 11
                START CLIENT h [10.0.0.1] (SeedLink|x) @ 2026-02-30 02:00:00 (connected 2026-03-16 01:00:00) TX
                END CLIENT h [10.0.0.1] total TX bytes: 0
                START CLIENT h [999.1.1.1] (SeedLink|x) @ 2026-03-16 02:00:00 (connected 2026-03-16 01:00:00) TX
                END CLIENT h [999.1.1.1] total TX bytes: 0
                XX_ABC_00_BHZ/MSEED 10 20
                """);
        assertEquals(0, blocks.size());
        assertTrue(reasonAt(2).contains("not a non-negative whole number"), reasonAt(2));
        assertTrue(reasonAt(4).contains("future"), reasonAt(4));
        assertTrue(reasonAt(9).contains("differs from the sum"), reasonAt(9));
        assertTrue(reasonAt(10).contains("not a valid time"), reasonAt(10));
        assertTrue(reasonAt(12).contains("not an IPv4 or IPv6"), reasonAt(12));
        assertTrue(reasonAt(14).contains("not inside"), reasonAt(14));
    }

    @Test
    void rejectsBinaryGarbageAndOverlongLinesWithoutStopping() throws IOException {
        byte[] garbage = new byte[200_000];
        for (int i = 0; i < garbage.length; i++) {
            garbage[i] = (byte) (i * 31 + 7);
            if (garbage[i] == '\n') {
                garbage[i] = 0;
            }
        }
        String good = "\nSTART CLIENT h [10.0.0.1] (SeedLink|x) @ 2026-03-16 02:00:00 (connected 2026-03-16 01:00:00) TX\n"
                + "XX_ABC_00_BHZ/MSEED 10 1\nEND CLIENT h [10.0.0.1] total TX bytes: 10\n";
        byte[] good1 = good.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[garbage.length + good1.length];
        System.arraycopy(garbage, 0, all, 0, garbage.length);
        System.arraycopy(good1, 0, all, garbage.length, good1.length);
        parse(new ByteArrayInputStream(all));
        assertEquals(1, blocks.size());
        assertEquals(1, rejections.size());
        assertTrue(rejections.get(0).reason().contains("longer than the limit"), rejections.get(0).reason());
        assertEquals(2, blocks.get(0).line());
    }

    @Test
    void rejectsInvalidUtf8AsBinary() throws IOException {
        parse(new ByteArrayInputStream(new byte[] {(byte) 0xff, (byte) 0xfe, 'a', '\n'}));
        assertEquals("binary data, not a text log line", rejections.get(0).reason());
    }

    @Test
    void streamIdsNeedNetworkStationAndChannel() {
        assertThrows(IllegalArgumentException.class, () -> StreamId.parse("_ANMO_00_BHZ/MSEED"));
        assertThrows(IllegalArgumentException.class, () -> StreamId.parse("IU_ANMO_00_/MSEED"));
        assertThrows(IllegalArgumentException.class, () -> StreamId.parse("FDSN:IU_ANMO_00_B__Z/MSEED"));
        assertThrows(IllegalArgumentException.class, () -> StreamId.parse("IU_AN;MO_00_BHZ/MSEED"));
        assertNull(StreamId.parse("IU_ANMO_00_BHZ").band());
        assertEquals("", StreamId.parse("IU_ANMO_00_BHZ").format());
    }

    @Test
    void encodesGeohashesAsPublished() {
        assertEquals("u4pruydqqvj", org.observatory.logingest.ingest.Geohash.encode(57.64911, 10.40744, 11));
        assertEquals("gcpvj", org.observatory.logingest.ingest.Geohash.encode(51.5142, -0.0931, 5));
    }

    private String reasonAt(long line) {
        return rejections.stream().filter(r -> r.line() == line).findFirst()
                .map(Rejection::reason).orElse("no rejection at line " + line + ": " + rejections);
    }
}
