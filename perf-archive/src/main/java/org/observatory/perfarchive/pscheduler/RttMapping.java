package org.observatory.perfarchive.pscheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** rtt (ping): round-trip histograms in ms with two decimals, reverse TTLs, the *-bidir counters. */
final class RttMapping implements TestTypeMapping {

    private static final Map<String, String> METADATA = new LinkedHashMap<>();
    private static final Map<String, String> DATA = new LinkedHashMap<>();

    static {
        METADATA.put("count", "sample-size");
        METADATA.put("flowlabel", "ip-packet-flowlabel");
        METADATA.put("tos", "ip-tos");
        METADATA.put("length", "ip-packet-size");
        METADATA.put("ttl", "ip-ttl");
        DATA.put("sent", "packet-count-sent");
        DATA.put("lost", "packet-count-lost-bidir");
        DATA.put("duplicates", "packet-duplicates-bidir");
        DATA.put("reorders", "packet-reorders-bidir");
    }

    @Override
    public List<String> eventTypes(JsonNode spec) {
        return List.of("failures", "packet-count-sent", "histogram-rtt", "histogram-ttl-reverse",
                "packet-duplicates-bidir", "packet-loss-rate-bidir", "packet-count-lost-bidir", "packet-reorders-bidir");
    }

    @Override
    public Map<String, String> metadataFields() {
        return METADATA;
    }

    @Override
    public void addMetadata(JsonNode spec, ObjectNode metadata) {
        EsmondValues.putSeconds(metadata, "time-probe-interval", spec, "interval");
        EsmondValues.putSeconds(metadata, "time-test-timeout", spec, "timeout");
        EsmondValues.putSeconds(metadata, "time-probe-timeout", spec, "deadline");
    }

    @Override
    public Map<String, String> dataFields() {
        return DATA;
    }

    @Override
    public void addData(JsonNode spec, JsonNode result, ArrayNode values) {
        Map<String, Long> rtt = new LinkedHashMap<>();
        Map<String, Long> ttl = new LinkedHashMap<>();
        JsonNode roundtrips = result.get("roundtrips");
        if (roundtrips != null && roundtrips.isArray()) {
            for (JsonNode rt : roundtrips) {
                if (EsmondValues.truthy(rt.get("rtt"))) {
                    double ms = IsoDurations.seconds(rt.get("rtt").asText(), "rtt") * 1000;
                    // Python's "%.2f": the exact binary value, ties to even.
                    rtt.merge(new BigDecimal(ms).setScale(2, RoundingMode.HALF_EVEN).toPlainString(), 1L, Long::sum);
                }
                if (EsmondValues.truthy(rt.get("ttl"))) {
                    ttl.merge(rt.get("ttl").asText(), 1L, Long::sum);
                }
            }
        }
        if (!rtt.isEmpty()) {
            EsmondValues.add(values, "histogram-rtt", histogram(rtt));
        }
        if (!ttl.isEmpty()) {
            EsmondValues.add(values, "histogram-ttl-reverse", histogram(ttl));
        }
        EsmondValues.addRate(values, "packet-loss-rate-bidir", result, "lost", "sent");
    }

    private static ObjectNode histogram(Map<String, Long> counts) {
        ObjectNode h = JsonNodeFactory.instance.objectNode();
        counts.forEach(h::put);
        return h;
    }
}
