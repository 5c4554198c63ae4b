package org.observatory.ixp.peeringdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.observatory.testsupport.SharedData;

class PeeringDbJsonReaderTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static String sample(String type) throws IOException {
        return Files.readString(SharedData.path("peeringdb/" + type + ".json"));
    }

    /** The sample API responses put together in CAIDA's dump layout: one object keyed by type. */
    private static String caidaDump() throws IOException {
        return "{\"org\": " + sample("org") + ", \"ix\": " + sample("ix") + ", \"ixlan\": " + sample("ixlan")
                + ", \"net\": " + sample("net") + ", \"netixlan\": " + sample("netixlan") + ", \"fac\": " + sample("fac") + "}";
    }

    @Test
    void readsSampleApiResponses() throws IOException {
        PeeringDbJsonReader reader = PeeringDbJsonReader.forResponses(MAPPER);
        assertEquals(3, reader.addResponse("ix", sample("ix").getBytes(StandardCharsets.UTF_8)));
        reader.addResponse("net", sample("net").getBytes(StandardCharsets.UTF_8));
        assertEquals(2, reader.addResponse("netixlan", sample("netixlan").getBytes(StandardCharsets.UTF_8)));
        PeeringDbSnapshot snapshot = reader.finish();

        assertEquals(3, snapshot.ixs().size());
        IxRecord first = snapshot.ixs().get(0);
        assertEquals(1, first.id());
        assertEquals("ix b7b05aa8", first.name());
        assertEquals("US", first.country());
        assertEquals("Chicago", first.city());
        assertEquals(OffsetDateTime.of(2023, 4, 21, 13, 46, 31, 620_288_000, ZoneOffset.UTC), first.created());
        NetIxLanRecord port = snapshot.netixlans().get(0);
        assertEquals(1, port.ixId());
        assertEquals(63312, port.asn());
        assertEquals(1000, port.speed());
        assertTrue(port.rsPeer());
        assertTrue(snapshot.nets().stream().anyMatch(n -> n.asn() == 63312 && "NSP".equals(n.infoType())));
        assertTrue(snapshot.skipped().isEmpty(), snapshot.skipped().toString());
    }

    @Test
    void readsCaidaDumpLayoutAndIgnoresOtherTypes() throws IOException {
        PeeringDbSnapshot snapshot = PeeringDbJsonReader.readDump(MAPPER, caidaDump().getBytes(StandardCharsets.UTF_8));
        assertEquals(3, snapshot.ixs().size());
        assertEquals(2, snapshot.netixlans().size());
        assertFalse(snapshot.nets().isEmpty());
    }

    @Test
    void readsSingleQuotedPythonLiteralDump() {
        String dump = "{'ix': {'data': [{'id': 7, 'name': u'O\\'Hare IX', 'country': 'US', 'city': None,"
                + " 'created': '2010-07-29T00:00:00Z', 'updated': '2016-03-14T21:09:35Z', 'status': 'ok'}]},"
                + " 'net': {'data': [{'id': 3, 'asn': 64500, 'name': 'Net \"quoted\"', 'created': '2010-07-29T00:00:00Z',"
                + " 'updated': '2010-07-29T00:00:00Z'}]},"
                + " 'netixlan': {'data': [{'id': 9, 'ix_id': 7, 'asn': 64500, 'speed': 10000, 'is_rs_peer': True,"
                + " 'created': '2012-01-02T03:04:05Z', 'updated': '2012-01-02T03:04:05Z'}]}}";
        PeeringDbSnapshot snapshot = PeeringDbJsonReader.readDump(MAPPER, dump.getBytes(StandardCharsets.UTF_8));
        assertEquals("O'Hare IX", snapshot.ixs().get(0).name());
        assertEquals(null, snapshot.ixs().get(0).city());
        assertEquals("Net \"quoted\"", snapshot.nets().get(0).name());
        assertTrue(snapshot.netixlans().get(0).rsPeer());
        assertEquals(OffsetDateTime.of(2012, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC), snapshot.netixlans().get(0).created());
    }

    @Test
    void acceptsTimestampsWithAndWithoutMicroseconds() {
        assertEquals(OffsetDateTime.of(2010, 7, 29, 0, 0, 0, 0, ZoneOffset.UTC),
                PeeringDbJsonReader.timestamp("2010-07-29T00:00:00Z"));
        assertEquals(OffsetDateTime.of(2023, 4, 21, 13, 46, 31, 620_288_000, ZoneOffset.UTC),
                PeeringDbJsonReader.timestamp("2023-04-21T13:46:31.620288Z"));
        assertEquals(OffsetDateTime.of(2010, 7, 29, 0, 0, 0, 0, ZoneOffset.UTC),
                PeeringDbJsonReader.timestamp("2010-07-29 00:00:00"));
        assertEquals(OffsetDateTime.of(2010, 7, 29, 0, 0, 0, 500_000_000, ZoneOffset.UTC),
                PeeringDbJsonReader.timestamp("2010-07-29T00:00:00.5Z"));
        assertEquals(OffsetDateTime.of(2010, 7, 29, 1, 0, 0, 0, ZoneOffset.UTC),
                PeeringDbJsonReader.timestamp("2010-07-29T03:00:00+02:00"));
        assertThrows(java.time.format.DateTimeParseException.class, () -> PeeringDbJsonReader.timestamp("2010-02-30T00:00:00Z"));
    }

    @Test
    void skipsBadRecordsWithReasons() {
        String dump = """
                {"ix": {"data": [
                  {"id": 1, "name": "Good", "country": "DE", "created": "2010-07-29T00:00:00Z"},
                  {"id": 2, "name": "Nowhere", "country": "XX", "created": "2010-07-29T00:00:00Z"},
                  {"id": 3, "country": "DE"},
                  {"id": 1, "name": "Again", "country": "DE"},
                  {"id": 4, "name": "Deleted", "country": "DE", "status": "deleted"},
                  {"id": 5, "name": "Bad time", "country": "DE", "created": "yesterday"}
                ]},
                "net": {"data": [
                  {"id": 10, "asn": 64500, "name": "A"},
                  {"id": 11, "name": "no asn"},
                  {"id": 10, "asn": 64501, "name": "duplicate id"},
                  {"id": 12, "asn": 64500, "name": "duplicate asn"},
                  {"id": 13, "asn": -5}
                ]},
                "netixlan": {"data": [
                  {"id": 100, "ix_id": 1, "asn": 64500, "speed": 1000, "is_rs_peer": false, "created": "2011-01-01T00:00:00Z"},
                  {"id": 101, "ix_id": 1, "asn": 64501, "speed": -10, "created": "2011-01-01T00:00:00Z"},
                  {"id": 100, "ix_id": 1, "asn": 64502, "speed": 10, "created": "2011-01-01T00:00:00Z"},
                  {"id": 102, "ix_id": 1, "speed": 10, "created": "2011-01-01T00:00:00Z"},
                  {"id": 103, "ix_id": 1, "asn": 64503, "created": "2011-01-01T00:00:00Z"},
                  {"id": 104, "ixlan_id": 77, "asn": 64504, "speed": 10, "created": "2011-01-01T00:00:00Z"}
                ]},
                "ixlan": {"data": [{"id": 77, "ix_id": 1}]}}
                """;
        PeeringDbSnapshot snapshot = PeeringDbJsonReader.readDump(MAPPER, dump.getBytes(StandardCharsets.UTF_8));

        assertEquals(List.of(1L), snapshot.ixs().stream().map(IxRecord::id).toList());
        assertEquals(List.of(64500L), snapshot.nets().stream().map(NetRecord::asn).toList());
        // netixlan 104 has no ix_id; its ixlan (listed after it) names the IX
        assertEquals(List.of(100L, 104L), snapshot.netixlans().stream().map(NetIxLanRecord::id).toList());
        assertEquals(1, snapshot.netixlans().get(1).ixId());

        assertSkipped(snapshot, "ix", "2", SkippedRecord.NOT_ISO_COUNTRY);
        assertSkipped(snapshot, "ix", "3", SkippedRecord.MISSING_FIELD);
        assertSkipped(snapshot, "ix", "1", SkippedRecord.DUPLICATE_ID);
        assertSkipped(snapshot, "ix", "4", SkippedRecord.NOT_OK);
        assertSkipped(snapshot, "ix", "5", SkippedRecord.INVALID_TIMESTAMP);
        assertSkipped(snapshot, "net", "11", SkippedRecord.MISSING_FIELD);
        assertSkipped(snapshot, "net", "10", SkippedRecord.DUPLICATE_ID);
        assertSkipped(snapshot, "net", "12", SkippedRecord.DUPLICATE_ASN);
        assertSkipped(snapshot, "net", "13", SkippedRecord.ASN_OUT_OF_RANGE);
        assertSkipped(snapshot, "netixlan", "101", SkippedRecord.NEGATIVE_SPEED);
        assertSkipped(snapshot, "netixlan", "100", SkippedRecord.DUPLICATE_ID);
        assertSkipped(snapshot, "netixlan", "102", SkippedRecord.MISSING_FIELD);
        assertSkipped(snapshot, "netixlan", "103", SkippedRecord.MISSING_FIELD);
        assertEquals(13, snapshot.skipped().size(), snapshot.skipped().toString());
    }

    private static void assertSkipped(PeeringDbSnapshot snapshot, String type, String id, String reason) {
        assertTrue(snapshot.skipped().stream().anyMatch(s -> s.type().equals(type) && id.equals(s.id()) && s.reason().equals(reason)),
                () -> "expected " + type + " " + id + " skipped for " + reason + " in " + snapshot.skipped());
    }

    @Test
    void rejectsTruncatedDump() throws IOException {
        String dump = caidaDump();
        byte[] truncated = dump.substring(0, dump.length() * 2 / 3).getBytes(StandardCharsets.UTF_8);
        MalformedDumpException e = assertThrows(MalformedDumpException.class, () -> PeeringDbJsonReader.readDump(MAPPER, truncated));
        assertTrue(e.getMessage().contains("malformed") || e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void rejectsTruncatedPythonDump() {
        String dump = "{'ix': {'data': [{'id': 7, 'name': 'Cut";
        assertThrows(MalformedDumpException.class, () -> PeeringDbJsonReader.readDump(MAPPER, dump.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void rejectsDocumentsThatAreNotDumps() {
        assertThrows(MalformedDumpException.class, () -> PeeringDbJsonReader.readDump(MAPPER, "[1, 2]".getBytes(StandardCharsets.UTF_8)));
        assertThrows(MalformedDumpException.class, () -> PeeringDbJsonReader.readDump(MAPPER, "{\"fac\": {\"data\": []}}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(MalformedDumpException.class, () -> PeeringDbJsonReader.readDump(MAPPER, "not json".getBytes(StandardCharsets.UTF_8)));
        assertThrows(MalformedDumpException.class, () -> PeeringDbJsonReader.readDump(MAPPER, "{\"ix\": {\"data\": []}} extra".getBytes(StandardCharsets.UTF_8)));
        assertThrows(MalformedDumpException.class, () -> PeeringDbJsonReader.forResponses(MAPPER).addResponse("ix", "{\"meta\": {}}".getBytes(StandardCharsets.UTF_8)));
    }
}
