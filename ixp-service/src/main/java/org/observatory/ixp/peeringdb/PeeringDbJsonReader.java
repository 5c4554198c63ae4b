package org.observatory.ixp.peeringdb;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads PeeringDB objects from a CAIDA dump (one object keyed by type, each {@code {"data":[...]}}, JSON or
 * Python literal) or from API responses ({@code {"data":[...],"meta":{}}}). Records that cannot be used are
 * skipped with a reason; input that is not a dump at all raises {@link MalformedDumpException}.
 */
public final class PeeringDbJsonReader {

    private static final Set<String> ISO_COUNTRIES = Set.of(Locale.getISOCountries());

    private final ObjectMapper mapper;
    private final List<IxRecord> ixs = new ArrayList<>();
    private final List<NetRecord> nets = new ArrayList<>();
    private final List<JsonNode> netixlanNodes = new ArrayList<>();
    private final Map<Long, Long> ixlanToIx = new HashMap<>();
    private final List<SkippedRecord> skipped = new ArrayList<>();
    private final Set<Long> ixIds = new HashSet<>();
    private final Set<Long> netIds = new HashSet<>();
    private final Set<Long> netAsns = new HashSet<>();

    private PeeringDbJsonReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Reads a whole dump (all object types in one document) with the application's mapper. */
    public static PeeringDbSnapshot readDump(ObjectMapper mapper, byte[] bytes) {
        PeeringDbJsonReader reader = new PeeringDbJsonReader(mapper);
        reader.consumeDump(bytes);
        return reader.finish();
    }

    /** Starts a reader for API responses: feed each page with {@link #addResponse}, then {@link #finish}. */
    public static PeeringDbJsonReader forResponses(ObjectMapper mapper) {
        return new PeeringDbJsonReader(mapper);
    }

    /** Adds one API response page of objects of {@code type}; returns how many objects the page held. */
    public int addResponse(String type, byte[] bytes) {
        try (JsonParser parser = open(bytes)) {
            expect(parser.nextToken(), JsonToken.START_OBJECT, "a response object");
            int count = -1;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                if ("data".equals(field)) {
                    count = readArray(parser, type);
                } else {
                    parser.skipChildren();
                }
            }
            if (count < 0) {
                throw new MalformedDumpException("response for " + type + " has no data array");
            }
            return count;
        } catch (JsonProcessingException e) {
            throw new MalformedDumpException("malformed " + type + " response: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new MalformedDumpException("unreadable " + type + " response: " + e.getMessage(), e);
        }
    }

    /** Resolves netixlan rows (which may precede their ixlan in a dump) and returns everything read. */
    public PeeringDbSnapshot finish() {
        List<NetIxLanRecord> netixlans = new ArrayList<>(netixlanNodes.size());
        Set<Long> seen = new HashSet<>();
        for (JsonNode node : netixlanNodes) {
            NetIxLanRecord record = netixlan(node);
            if (record != null) {
                if (seen.add(record.id())) {
                    netixlans.add(record);
                } else {
                    skip("netixlan", node, SkippedRecord.DUPLICATE_ID, "id seen before in this snapshot");
                }
            }
        }
        return new PeeringDbSnapshot(List.copyOf(ixs), List.copyOf(nets), netixlans, List.copyOf(skipped));
    }

    private void consumeDump(byte[] bytes) {
        String pythonChecked = null;
        String head = new String(bytes, 0, Math.min(bytes.length, 64), StandardCharsets.UTF_8);
        if (PythonLiteral.looksLikePython(head)) {
            pythonChecked = PythonLiteral.toJson(new String(bytes, StandardCharsets.UTF_8));
            bytes = pythonChecked.getBytes(StandardCharsets.UTF_8);
        }
        boolean anyType = false;
        try (JsonParser parser = open(bytes)) {
            expect(parser.nextToken(), JsonToken.START_OBJECT, "a dump object keyed by type");
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String type = parser.currentName();
                JsonToken value = parser.nextToken();
                if (isKept(type) && value == JsonToken.START_OBJECT) {
                    anyType = true;
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String field = parser.currentName();
                        parser.nextToken();
                        if ("data".equals(field)) {
                            readArray(parser, type);
                        } else {
                            parser.skipChildren();
                        }
                    }
                } else {
                    parser.skipChildren();
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT) {
                throw new MalformedDumpException("dump does not end with its closing brace");
            }
            if (parser.nextToken() != null) {
                throw new MalformedDumpException("trailing content after the dump");
            }
        } catch (JsonProcessingException e) {
            throw new MalformedDumpException("malformed dump: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                            + ", column " + e.getLocation().getColumnNr()), e);
        } catch (IOException e) {
            throw new MalformedDumpException("unreadable dump: " + e.getMessage(), e);
        }
        if (!anyType) {
            throw new MalformedDumpException("dump holds none of ix, net, netixlan");
        }
    }

    private static boolean isKept(String type) {
        return type.equals("ix") || type.equals("net") || type.equals("netixlan") || type.equals("ixlan");
    }

    private JsonParser open(byte[] bytes) throws IOException {
        return mapper.getFactory().createParser(bytes);
    }

    private static void expect(JsonToken actual, JsonToken expected, String what) {
        if (actual != expected) {
            throw new MalformedDumpException("expected " + what + ", found " + actual);
        }
    }

    private int readArray(JsonParser parser, String type) throws IOException {
        expect(parser.currentToken(), JsonToken.START_ARRAY, "a data array for " + type);
        int count = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() == null) {
                throw new MalformedDumpException("data array for " + type + " is truncated");
            }
            count++;
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                JsonNode value = mapper.readTree(parser);
                skipped.add(new SkippedRecord(type, null, SkippedRecord.NOT_AN_OBJECT, String.valueOf(value)));
                continue;
            }
            accept(type, wantedFields(parser, WANTED.getOrDefault(type, Set.of())));
        }
        return count;
    }

    private static final Map<String, Set<String>> WANTED = Map.of(
            "ix", Set.of("id", "name", "name_long", "city", "country", "website", "org_id", "created", "updated", "status"),
            "net", Set.of("id", "asn", "name", "info_type", "policy_general", "created", "updated", "status"),
            "netixlan", Set.of("id", "ix_id", "ixlan_id", "asn", "speed", "is_rs_peer", "created", "updated", "status"),
            "ixlan", Set.of("id", "ix_id", "status"));

    /** Reads one object keeping only the fields the service uses: real objects carry dozens more. */
    private ObjectNode wantedFields(JsonParser parser, Set<String> wanted) throws IOException {
        ObjectNode node = mapper.createObjectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            if (wanted.contains(field)) {
                node.set(field, scalar(parser));
            } else {
                parser.skipChildren();
            }
        }
        if (parser.currentToken() != JsonToken.END_OBJECT) {
            throw new MalformedDumpException("an object is truncated");
        }
        return node;
    }

    /** The value at the parser, without the cost of a full tree read for the common scalar cases. */
    private JsonNode scalar(JsonParser parser) throws IOException {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return switch (parser.currentToken()) {
            case VALUE_STRING -> nodes.textNode(parser.getText());
            case VALUE_NUMBER_INT -> nodes.numberNode(parser.getLongValue());
            case VALUE_TRUE -> nodes.booleanNode(true);
            case VALUE_FALSE -> nodes.booleanNode(false);
            case VALUE_NULL -> nodes.nullNode();
            default -> mapper.readTree(parser);
        };
    }

    private void accept(String type, JsonNode node) {
        if (node.hasNonNull("status") && !"ok".equals(node.get("status").asText())) {
            skip(type, node, SkippedRecord.NOT_OK, "status " + node.get("status").asText());
            return;
        }
        switch (type) {
            case "ix" -> ix(node);
            case "net" -> net(node);
            case "netixlan" -> netixlanNodes.add(node);
            case "ixlan" -> {
                Long id = longField(node, "id");
                Long ix = longField(node, "ix_id");
                if (id != null && ix != null) {
                    ixlanToIx.put(id, ix);
                }
            }
            default -> {
                // other types are not used
            }
        }
    }

    private void ix(JsonNode node) {
        Long id = longField(node, "id");
        String name = text(node, "name");
        String country = text(node, "country");
        String missing = missing(id == null, "id", name == null, "name", country == null, "country");
        if (missing != null) {
            skip("ix", node, SkippedRecord.MISSING_FIELD, missing);
            return;
        }
        if (!ISO_COUNTRIES.contains(country)) {
            skip("ix", node, SkippedRecord.NOT_ISO_COUNTRY, "country '" + country + "' is not an ISO 3166 code");
            return;
        }
        Timestamps ts = timestamps("ix", node);
        if (ts == null) {
            return;
        }
        if (!ixIds.add(id)) {
            skip("ix", node, SkippedRecord.DUPLICATE_ID, "id seen before in this snapshot");
            return;
        }
        ixs.add(new IxRecord(id, name, text(node, "name_long"), text(node, "city"), country,
                text(node, "website"), longField(node, "org_id"), ts.created, ts.updated));
    }

    private void net(JsonNode node) {
        Long id = longField(node, "id");
        Long asn = longField(node, "asn");
        String missing = missing(id == null, "id", asn == null, "asn", false, null);
        if (missing != null) {
            skip("net", node, SkippedRecord.MISSING_FIELD, missing);
            return;
        }
        if (asn <= 0 || asn > 4_294_967_295L) {
            skip("net", node, SkippedRecord.ASN_OUT_OF_RANGE, "asn " + asn);
            return;
        }
        Timestamps ts = timestamps("net", node);
        if (ts == null) {
            return;
        }
        if (!netIds.add(id)) {
            skip("net", node, SkippedRecord.DUPLICATE_ID, "id seen before in this snapshot");
            return;
        }
        if (!netAsns.add(asn)) {
            skip("net", node, SkippedRecord.DUPLICATE_ASN, "asn " + asn + " already belongs to another net");
            return;
        }
        nets.add(new NetRecord(id, asn, text(node, "name"), text(node, "info_type"), text(node, "policy_general"),
                ts.created, ts.updated));
    }

    private NetIxLanRecord netixlan(JsonNode node) {
        Long id = longField(node, "id");
        Long ix = longField(node, "ix_id");
        if (ix == null) {
            Long ixlan = longField(node, "ixlan_id");
            ix = ixlan == null ? null : ixlanToIx.get(ixlan);
        }
        Long asn = longField(node, "asn");
        Long speed = longField(node, "speed");
        String missing = missing(id == null, "id", ix == null, "ix_id", asn == null, "asn");
        if (missing == null && speed == null) {
            missing = "no speed";
        }
        if (missing == null && !node.hasNonNull("created")) {
            missing = "no created";
        }
        if (missing != null) {
            skip("netixlan", node, SkippedRecord.MISSING_FIELD, missing);
            return null;
        }
        if (speed < 0) {
            skip("netixlan", node, SkippedRecord.NEGATIVE_SPEED, "speed " + speed);
            return null;
        }
        if (asn <= 0 || asn > 4_294_967_295L) {
            skip("netixlan", node, SkippedRecord.ASN_OUT_OF_RANGE, "asn " + asn);
            return null;
        }
        Timestamps ts = timestamps("netixlan", node);
        if (ts == null) {
            return null;
        }
        // a missing flag means the port does not peer with the route servers
        boolean rsPeer = node.path("is_rs_peer").asBoolean(false);
        return new NetIxLanRecord(id, ix, asn, rsPeer, speed, ts.created, ts.updated);
    }

    private record Timestamps(OffsetDateTime created, OffsetDateTime updated) {
    }

    private Timestamps timestamps(String type, JsonNode node) {
        try {
            return new Timestamps(timestamp(text(node, "created")), timestamp(text(node, "updated")));
        } catch (DateTimeParseException e) {
            skip(type, node, SkippedRecord.INVALID_TIMESTAMP, "'" + e.getParsedString() + "'");
            return null;
        }
    }

    /** Accepts {@code 2010-07-29T00:00:00Z}, with microseconds, and without an offset (taken as UTC). */
    static OffsetDateTime timestamp(String text) {
        if (text == null) {
            return null;
        }
        OffsetDateTime fast = fastUtc(text);
        if (fast != null) {
            return fast;
        }
        String iso = text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + 'T' + text.substring(11) : text;
        try {
            return OffsetDateTime.parse(iso).withOffsetSameInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return LocalDateTime.parse(iso).atOffset(ZoneOffset.UTC);
        }
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}, the shape of nearly every PeeringDB timestamp, without a formatter:
     * a dump holds a hundred thousand of them. Anything else returns null and goes to the general parser.
     */
    private static OffsetDateTime fastUtc(String t) {
        int n = t.length();
        if (n < 20 || t.charAt(n - 1) != 'Z' || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T'
                || t.charAt(13) != ':' || t.charAt(16) != ':') {
            return null;
        }
        int nanos = 0;
        if (n > 20) {
            if (t.charAt(19) != '.' || n - 21 > 9 || n - 21 < 1) {
                return null;
            }
            int digits = digits(t, 20, n - 1);
            if (digits < 0) {
                return null;
            }
            nanos = digits * (int) Math.pow(10, 9 - (n - 21));
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 7);
        int day = digits(t, 8, 10);
        int hour = digits(t, 11, 13);
        int minute = digits(t, 14, 16);
        int second = digits(t, 17, 19);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
            return null;
        }
        try {
            return OffsetDateTime.of(year, month, day, hour, minute, second, nanos, ZoneOffset.UTC);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    private static int digits(String t, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static String missing(boolean a, String aName, boolean b, String bName, boolean c, String cName) {
        List<String> names = new ArrayList<>();
        if (a) {
            names.add(aName);
        }
        if (b) {
            names.add(bName);
        }
        if (c) {
            names.add(cName);
        }
        return names.isEmpty() ? null : "no " + String.join(", ", names);
    }

    private void skip(String type, JsonNode node, String reason, String detail) {
        JsonNode id = node.get("id");
        skipped.add(new SkippedRecord(type, id == null || id.isNull() ? null : id.asText(), reason, detail));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        String text = value.asText().strip();
        return text.isEmpty() ? null : text;
    }

    private static Long longField(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber()) {
            return value.asLong();
        }
        if (value.isTextual()) {
            try {
                return Long.parseLong(value.asText().strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
