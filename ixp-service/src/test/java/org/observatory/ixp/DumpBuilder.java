package org.observatory.ixp;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds small PeeringDB dumps in CAIDA's layout for the tests, as JSON or as a Python literal. */
public final class DumpBuilder {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final List<Map<String, Object>> ixs = new ArrayList<>();
    private final List<Map<String, Object>> nets = new ArrayList<>();
    private final List<Map<String, Object>> netixlans = new ArrayList<>();
    private long nextPortId;

    public DumpBuilder(long firstPortId) {
        this.nextPortId = firstPortId;
    }

    public DumpBuilder ix(long id, String name, String country, String created) {
        Map<String, Object> ix = new LinkedHashMap<>();
        ix.put("id", id);
        ix.put("org_id", id);
        ix.put("name", name);
        ix.put("name_long", name + " Exchange");
        ix.put("city", "Somewhere");
        ix.put("country", country);
        ix.put("website", "https://example.net/" + id);
        ix.put("created", created);
        ix.put("updated", created);
        ix.put("status", "ok");
        ixs.add(ix);
        return this;
    }

    public DumpBuilder net(long asn, String name) {
        Map<String, Object> net = new LinkedHashMap<>();
        net.put("id", asn - 60000);
        net.put("asn", asn);
        net.put("name", name);
        net.put("info_type", "NSP");
        net.put("policy_general", "Open");
        net.put("created", "2000-01-01T00:00:00Z");
        net.put("updated", "2000-01-01T00:00:00.123456Z");
        net.put("status", "ok");
        nets.add(net);
        return this;
    }

    public DumpBuilder port(long ix, long asn, long speed, boolean rsPeer, String created) {
        Map<String, Object> port = new LinkedHashMap<>();
        port.put("id", nextPortId++);
        port.put("ix_id", ix);
        port.put("ixlan_id", ix);
        port.put("asn", asn);
        port.put("speed", speed);
        port.put("is_rs_peer", rsPeer);
        port.put("created", created);
        port.put("updated", created);
        port.put("status", "ok");
        netixlans.add(port);
        return this;
    }

    /** Adds a raw netixlan object (for bad records). */
    public DumpBuilder rawPort(Map<String, Object> port) {
        netixlans.add(port);
        return this;
    }

    public String json() {
        Map<String, Object> dump = new LinkedHashMap<>();
        dump.put("ix", Map.of("data", ixs));
        dump.put("net", Map.of("data", nets));
        dump.put("netixlan", Map.of("data", netixlans));
        try {
            return MAPPER.writeValueAsString(dump);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same dump as older CAIDA files wrote it: single quotes, True/False/None. */
    public String pythonLiteral() {
        return json().replace('"', '\'').replace(":true", ": True").replace(":false", ": False").replace(":null", ": None");
    }

    /** Writes the dump where the test profile's archive pattern looks for the day's file. */
    public static void writeArchive(LocalDate day, String content) {
        Path file = Paths.get("target/test-archive", String.valueOf(day.getYear()),
                String.format("%02d", day.getMonthValue()),
                String.format("peeringdb_2_dump_%d_%02d_%02d.json", day.getYear(), day.getMonthValue(), day.getDayOfMonth()));
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
