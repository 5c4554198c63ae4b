package org.observatory.perfarchive.eventtype;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** esmond's event type catalogue: every known event type and its data type. */
public final class EventTypes {

    private static final Map<String, DataType> TYPES = new HashMap<>();

    static {
        register(DataType.HISTOGRAM, "histogram-owdelay", "histogram-rtt", "histogram-ttl", "histogram-ttl-reverse");
        register(DataType.INTEGER, "packet-duplicates", "packet-duplicates-bidir", "packet-count-lost",
                "packet-count-lost-bidir", "packet-count-sent", "packet-reorders", "packet-reorders-bidir",
                "packet-retransmits", "packet-rtt", "tcp-windowsize", "path-mtu", "ntp-stratum", "ntp-reach", "throughput");
        register(DataType.FLOAT, "ntp-offset", "ntp-jitter", "ntp-wander", "ntp-polling-interval", "ntp-delay",
                "ntp-dispersion", "time-error-estimates");
        register(DataType.PERCENTAGE, "packet-loss-rate", "packet-loss-rate-bidir");
        register(DataType.SUBINTERVAL, "throughput-subintervals", "packet-retransmits-subintervals",
                "packet-rtt-subintervals", "tcp-windowsize-subintervals");
        register(DataType.JSON, "failures", "packet-trace", "packet-trace-multi", "pscheduler-raw",
                "pscheduler-run-href", "iostat", "mpstat", "rusage", "tcpinfo");
    }

    private EventTypes() {
    }

    private static void register(DataType type, String... names) {
        for (String name : List.of(names)) {
            TYPES.put(name, type);
        }
    }

    /** The data type of an event type; every {@code streams-*} type is json. Empty for unknown names. */
    public static Optional<DataType> dataType(String eventType) {
        if (eventType == null) {
            return Optional.empty();
        }
        DataType known = TYPES.get(eventType);
        if (known != null) {
            return Optional.of(known);
        }
        // Event type names become partition names and URL segments: keep streams-* names plain.
        return eventType.startsWith("streams-") && eventType.length() <= 64 && eventType.matches("[a-z0-9-]+")
                ? Optional.of(DataType.JSON) : Optional.empty();
    }
}
