package org.observatory.perfarchive.pscheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** throughput (iperf3, iperf2, nuttcp): summary, UDP loss, TCP retransmits/RTT/window, parallel streams, intervals. */
final class ThroughputMapping implements TestTypeMapping {

    private static final Map<String, String> METADATA = new LinkedHashMap<>();
    /** The interval fields kept as subintervals, with their event type (interval summary / per stream). */
    private static final String[][] INTERVAL_FIELDS = {
            {"throughput-bits", "throughput-subintervals", "streams-throughput-subintervals"},
            {"retransmits", "packet-retransmits-subintervals", "streams-packet-retransmits-subintervals"},
            {"rtt", "packet-rtt-subintervals", "streams-packet-rtt-subintervals"},
            {"tcp-window-size", "tcp-windowsize-subintervals", "streams-tcp-windowsize-subintervals"}};
    /** Stream ids sort as Python sorts them: numbers by value, text by text. */
    static final Comparator<JsonNode> STREAM_ID = Comparator
            .comparing((JsonNode n) -> !n.isNumber())
            .thenComparing((a, b) -> a.isNumber() && b.isNumber()
                    ? Double.compare(a.doubleValue(), b.doubleValue()) : a.asText().compareTo(b.asText()));

    static {
        METADATA.put("tos", "ip-tos");
        METADATA.put("dscp", "ip-dscp");
        METADATA.put("buffer-length", "bw-buffer-size");
        METADATA.put("parallel", "bw-parallel-streams");
        METADATA.put("bandwidth", "bw-target-bandwidth");
        METADATA.put("window-size", "tcp-window-size");
        METADATA.put("dynamic-window-size", "tcp-dynamic-window-size");
        METADATA.put("mss", "tcp-max-segment-size");
        METADATA.put("omit", "bw-ignore-first-seconds");
    }

    @Override
    public List<String> eventTypes(JsonNode spec) {
        List<String> types = new ArrayList<>(List.of("failures", "throughput", "throughput-subintervals"));
        if (parallel(spec)) {
            types.addAll(List.of("streams-throughput", "streams-throughput-subintervals"));
        }
        if (udp(spec)) {
            types.addAll(List.of("packet-loss-rate", "packet-count-lost", "packet-count-sent"));
        } else {
            types.addAll(List.of("packet-retransmits", "packet-retransmits-subintervals"));
            if (parallel(spec)) {
                types.addAll(List.of("streams-packet-retransmits", "streams-packet-retransmits-subintervals"));
            }
        }
        return types;
    }

    @Override
    public Map<String, String> metadataFields() {
        return METADATA;
    }

    @Override
    public void addMetadata(JsonNode spec, ObjectNode metadata) {
        metadata.put("ip-transport-protocol", udp(spec) ? "udp" : "tcp");
    }

    @Override
    public void addData(JsonNode spec, JsonNode result, ArrayNode values) {
        boolean udp = udp(spec);
        JsonNode summaries = result.get("summary");
        if (EsmondValues.truthy(summaries)) {
            JsonNode summary = summaries.get("summary");
            if (EsmondValues.truthy(summary)) {
                EsmondValues.addIfPresent(values, "throughput", summary, "throughput-bits");
                if (udp) {
                    EsmondValues.addIfPresent(values, "packet-count-sent", summary, "sent");
                    EsmondValues.addIfPresent(values, "packet-count-lost", summary, "lost");
                    EsmondValues.addRate(values, "packet-loss-rate", summary, "lost", "sent");
                } else {
                    EsmondValues.addIfPresent(values, "packet-retransmits", summary, "retransmits");
                    EsmondValues.addIfPresent(values, "packet-rtt", summary, "rtt");
                    EsmondValues.addIfPresent(values, "tcp-windowsize", summary, "tcp-window-size");
                }
            }
            JsonNode streams = summaries.get("streams");
            if (EsmondValues.truthy(streams) && parallel(spec)) {
                addStreams(streams, udp, values);
            }
        }
        JsonNode intervals = result.get("intervals");
        if (EsmondValues.truthy(intervals)) {
            addIntervals(spec, intervals, udp, values);
        }
    }

    private static void addStreams(JsonNode streams, boolean udp, ArrayNode values) {
        List<JsonNode> sorted = new ArrayList<>();
        streams.forEach(sorted::add);
        sorted.sort(Comparator.comparing(s -> s.path("stream-id"), STREAM_ID));
        ArrayNode throughput = EsmondValues.NODES.arrayNode();
        ArrayNode retransmits = EsmondValues.NODES.arrayNode();
        ArrayNode rtt = EsmondValues.NODES.arrayNode();
        ArrayNode window = EsmondValues.NODES.arrayNode();
        for (JsonNode stream : sorted) {
            // A stream without a throughput is listed as null, as the archiver does.
            throughput.add(stream.has("throughput-bits") ? stream.get("throughput-bits") : EsmondValues.NODES.nullNode());
            if (EsmondValues.truthy(stream.get("retransmits"))) {
                retransmits.add(stream.get("retransmits"));
            }
            if (EsmondValues.truthy(stream.get("rtt"))) {
                rtt.add(stream.get("rtt"));
            }
            if (EsmondValues.truthy(stream.get("tcp-window-size"))) {
                window.add(stream.get("tcp-window-size"));
            }
        }
        EsmondValues.add(values, "streams-throughput", throughput);
        if (!udp) {
            if (!retransmits.isEmpty()) {
                EsmondValues.add(values, "streams-packet-retransmits", retransmits);
            }
            if (!rtt.isEmpty()) {
                EsmondValues.add(values, "streams-packet-rtt", rtt);
            }
            if (!window.isEmpty()) {
                EsmondValues.add(values, "streams-tcp-windowsize", window);
            }
        }
    }

    private static void addIntervals(JsonNode spec, JsonNode intervals, boolean udp, ArrayNode values) {
        List<ArrayNode> summary = new ArrayList<>();
        List<TreeMap<JsonNode, ArrayNode>> perStream = new ArrayList<>();
        for (int f = 0; f < INTERVAL_FIELDS.length; f++) {
            summary.add(EsmondValues.NODES.arrayNode());
            perStream.add(new TreeMap<>(STREAM_ID));
        }
        for (JsonNode interval : intervals) {
            JsonNode s = interval.get("summary");
            if (EsmondValues.truthy(s) && present(s.get("start")) && present(s.get("end"))) {
                JsonNode duration = EsmondValues.minus(s.get("end"), s.get("start"));
                for (int f = 0; f < INTERVAL_FIELDS.length; f++) {
                    JsonNode v = s.get(INTERVAL_FIELDS[f][0]);
                    if (present(v)) {
                        summary.get(f).addObject().setAll(subinterval(s.get("start"), duration, v));
                    }
                }
            }
            JsonNode streams = interval.get("streams");
            if (EsmondValues.truthy(streams) && parallel(spec)) {
                for (JsonNode stream : streams) {
                    JsonNode id = stream.get("stream-id");
                    if (!present(stream.get("start")) || !present(stream.get("end")) || !present(id)) {
                        continue;
                    }
                    JsonNode duration = EsmondValues.minus(stream.get("end"), stream.get("start"));
                    for (int f = 0; f < INTERVAL_FIELDS.length; f++) {
                        ArrayNode list = perStream.get(f).computeIfAbsent(id, k -> EsmondValues.NODES.arrayNode());
                        JsonNode v = stream.get(INTERVAL_FIELDS[f][0]);
                        if (present(v)) {
                            list.addObject().setAll(subinterval(stream.get("start"), duration, v));
                        }
                    }
                }
            }
        }
        // Throughput for every protocol; the others only for TCP.
        for (int f = 0; f < INTERVAL_FIELDS.length; f++) {
            if (f > 0 && udp) {
                break;
            }
            if (!summary.get(f).isEmpty()) {
                EsmondValues.add(values, INTERVAL_FIELDS[f][1], summary.get(f));
            }
        }
        for (int f = 0; f < INTERVAL_FIELDS.length; f++) {
            if (f > 0 && udp || perStream.get(f).isEmpty()) {
                continue;
            }
            ArrayNode all = EsmondValues.NODES.arrayNode();
            perStream.get(f).values().forEach(all::add);
            EsmondValues.add(values, INTERVAL_FIELDS[f][2], all);
        }
    }

    private static ObjectNode subinterval(JsonNode start, JsonNode duration, JsonNode val) {
        ObjectNode o = EsmondValues.NODES.objectNode();
        o.set("start", start);
        o.set("duration", duration);
        o.set("val", val);
        return o;
    }

    private static boolean present(JsonNode v) {
        return v != null && !v.isNull();
    }

    private static boolean udp(JsonNode spec) {
        return EsmondValues.truthy(spec.get("udp"));
    }

    private static boolean parallel(JsonNode spec) {
        JsonNode p = spec.get("parallel");
        return p != null && p.isNumber() && p.doubleValue() > 1;
    }
}
