package org.observatory.perfarchive.storage;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.observatory.perfarchive.PerfConfig;

/** How long each event type is kept, from {@link PerfConfig.Retention}. */
@ApplicationScoped
public class RetentionPolicy {

    private final int defaultDays;
    private final Map<String, Integer> days = new HashMap<>();

    public RetentionPolicy(PerfConfig perf) {
        PerfConfig.Retention config = perf.retention();
        this.defaultDays = config.defaultDays();
        config.eventTypes().ifPresent(list -> {
            for (String item : list.split(",")) {
                String[] pair = item.trim().split("=");
                if (pair.length == 2) {
                    days.put(pair[0].trim(), Integer.parseInt(pair[1].trim()));
                } else if (!item.isBlank()) {
                    throw new IllegalArgumentException("perf.retention.event-types: expected event-type=days, got " + item);
                }
            }
        });
    }

    public int days(String eventType) {
        return days.getOrDefault(eventType, defaultDays);
    }

    /** The oldest time still kept for this event type, or empty when it is kept for ever. */
    public Optional<Instant> horizon(String eventType, Instant now) {
        int keep = days(eventType);
        return keep <= 0 ? Optional.empty() : Optional.of(now.minus(Duration.ofDays(keep)));
    }

    public Map<String, Integer> configured() {
        return Map.copyOf(days);
    }

    public int defaultDays() {
        return defaultDays;
    }
}
