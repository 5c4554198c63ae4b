package org.observatory.perfarchive.storage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Retention per event type (perf.retention.*). */
@ConfigMapping(prefix = "perf.retention")
public interface RetentionConfig {

    /** Days kept for event types without their own setting; 0 keeps everything. */
    @WithDefault("0")
    int defaultDays();

    /** {@code event-type=days,...}, e.g. {@code histogram-owdelay=90,packet-trace=365}. */
    Optional<String> eventTypes();

    /** Cron of the retention job, or {@code off}. */
    @WithDefault("0 17 3 * * ?")
    String cron();

    /** Storage dialect: auto (detect the timescaledb extension), partitioned or timescaledb. */
    @WithDefault("auto")
    String dialect();
}
