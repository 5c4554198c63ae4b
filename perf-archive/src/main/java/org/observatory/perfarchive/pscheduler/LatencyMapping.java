package org.observatory.perfarchive.pscheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** latency and latencybg (owping, powstream): one-way delay histograms, loss, duplicates, reorders, clock error. */
final class LatencyMapping implements TestTypeMapping {

    private static final Map<String, String> METADATA = new LinkedHashMap<>();
    private static final Map<String, String> DATA = new LinkedHashMap<>();

    static {
        METADATA.put("packet-count", "sample-size");
        METADATA.put("bucket-width", "sample-bucket-width");
        METADATA.put("packet-interval", "time-probe-interval");
        METADATA.put("packet-timeout", "time-probe-timeout");
        METADATA.put("ip-tos", "ip-tos");
        METADATA.put("flip", "mode-flip");
        METADATA.put("packet-padding", "ip-packet-padding");
        METADATA.put("single-participant-mode", "mode-single-participant");
        DATA.put("histogram-latency", "histogram-owdelay");
        DATA.put("histogram-ttl", "histogram-ttl");
        DATA.put("packets-sent", "packet-count-sent");
        DATA.put("packets-lost", "packet-count-lost");
        DATA.put("packets-reordered", "packet-reorders");
        DATA.put("packets-duplicated", "packet-duplicates");
        DATA.put("max-clock-error", "time-error-estimates");
    }

    @Override
    public List<String> eventTypes(JsonNode spec) {
        return List.of("failures", "packet-count-sent", "histogram-owdelay", "histogram-ttl", "packet-duplicates",
                "packet-loss-rate", "packet-count-lost", "packet-reorders", "time-error-estimates");
    }

    @Override
    public Map<String, String> metadataFields() {
        return METADATA;
    }

    @Override
    public Map<String, String> dataFields() {
        return DATA;
    }

    @Override
    public void addData(JsonNode spec, JsonNode result, ArrayNode values) {
        EsmondValues.addRate(values, "packet-loss-rate", result, "packets-lost", "packets-sent");
    }
}
