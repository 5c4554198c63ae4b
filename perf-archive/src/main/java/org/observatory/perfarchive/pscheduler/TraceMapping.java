package org.observatory.perfarchive.pscheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** trace (traceroute, tracepath, paris-traceroute): the first path, every path for paris, and the path MTU. */
final class TraceMapping implements TestTypeMapping {

    private static final Map<String, String> METADATA = new LinkedHashMap<>();

    static {
        METADATA.put("algorithm", "trace-algorithm");
        METADATA.put("first-ttl", "trace-first-ttl");
        METADATA.put("fragment", "ip-fragment");
        METADATA.put("hops", "trace-max-ttl");
        METADATA.put("length", "ip-packet-size");
        METADATA.put("probe-type", "ip-transport-protocol");
        METADATA.put("queries", "trace-num-queries");
        METADATA.put("tos", "ip-tos");
    }

    @Override
    public List<String> eventTypes(JsonNode spec) {
        List<String> types = new ArrayList<>(List.of("failures", "packet-trace", "path-mtu"));
        if (paris(spec)) {
            types.add("packet-trace-multi");
        }
        return types;
    }

    @Override
    public Map<String, String> metadataFields() {
        return METADATA;
    }

    @Override
    public void addMetadata(JsonNode spec, ObjectNode metadata) {
        EsmondValues.putSeconds(metadata, "time-probe-interval", spec, "sendwait");
        EsmondValues.putSeconds(metadata, "time-test-timeout", spec, "wait");
    }

    @Override
    public void addData(JsonNode spec, JsonNode result, ArrayNode values) {
        JsonNode paths = result.get("paths");
        if (paths == null || !paths.isArray()) {
            throw new IllegalArgumentException("a trace result needs paths (a list of lists of hops)");
        }
        ArrayNode multi = EsmondValues.NODES.arrayNode();
        ArrayNode first = null;
        JsonNode mtu = null;
        Double pathMtu = null;
        JsonNode pathMtuNode = null;
        for (JsonNode path : paths) {
            ArrayNode formatted = EsmondValues.NODES.arrayNode();
            int ttl = 0;
            for (JsonNode hop : path) {
                ObjectNode h = formatted.addObject();
                h.put("ttl", ++ttl);
                // The trace test has no multiple queries.
                h.put("query", 1);
                if (EsmondValues.truthy(hop.get("error"))) {
                    h.put("success", 0);
                    h.set("error-message", hop.get("error"));
                } else {
                    h.put("success", 1);
                }
                for (String field : List.of("ip", "hostname", "as")) {
                    if (EsmondValues.truthy(hop.get(field))) {
                        h.set(field, hop.get(field));
                    }
                }
                if (hop.hasNonNull("rtt")) {
                    h.put("rtt", IsoDurations.seconds(hop.get("rtt").asText(), "rtt") * 1000);
                }
                if (hop.hasNonNull("mtu")) {
                    mtu = hop.get("mtu");
                    h.set("mtu", mtu);
                    // The path MTU is the smallest MTU seen on any path.
                    if (pathMtu == null || pathMtu > EsmondValues.number(mtu)) {
                        pathMtu = EsmondValues.number(mtu);
                        pathMtuNode = mtu;
                    }
                } else if (mtu != null) {
                    h.set("mtu", mtu);
                }
            }
            multi.add(formatted);
            if (first == null || first.isEmpty()) {
                first = formatted;
            }
        }
        if (first != null && !first.isEmpty()) {
            EsmondValues.add(values, "packet-trace", first);
        }
        if (pathMtuNode != null) {
            EsmondValues.add(values, "path-mtu", pathMtuNode);
        }
        if (paris(spec) && !multi.isEmpty()) {
            EsmondValues.add(values, "packet-trace-multi", multi);
        }
    }

    private static boolean paris(JsonNode spec) {
        return "paris-traceroute".equals(spec.path("algorithm").asText(""));
    }
}
