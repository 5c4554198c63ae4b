package org.observatory.perfarchive.pscheduler;

import java.util.List;
import java.util.Map;

/** The summaries pScheduler's esmond archiver declares by default, per event type ("type:window"). */
final class DefaultSummaries {

    private static final List<String> AGGREGATIONS = List.of("aggregation:300", "aggregation:3600", "aggregation:86400");

    static final Map<String, List<String>> BY_EVENT_TYPE = Map.of(
            "throughput", List.of("average:86400"),
            "packet-loss-rate", AGGREGATIONS,
            "packet-count-sent", AGGREGATIONS,
            "packet-count-lost", AGGREGATIONS,
            "packet-count-lost-bidir", AGGREGATIONS,
            "histogram-owdelay", List.of("aggregation:300", "statistics:300", "aggregation:3600", "statistics:0",
                    "statistics:3600", "aggregation:86400", "statistics:86400"),
            "packet-loss-rate-bidir", List.of("aggregation:3600", "aggregation:86400"),
            "histogram-rtt", List.of("statistics:0", "aggregation:3600", "statistics:3600", "aggregation:86400",
                    "statistics:86400"));

    private DefaultSummaries() {
    }
}
