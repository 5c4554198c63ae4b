package org.observatory.perfarchive;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** perf-archive's own settings ({@code perf.*} in application.properties, where each is explained). */
@ConfigMapping(prefix = "perf")
public interface PerfConfig {

    Retention retention();

    Pscheduler pscheduler();

    IngestFailures ingestFailures();

    ApiKeys apiKeys();

    /** How long each event type is kept, and on which storage. */
    interface Retention {
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

    /** pScheduler's http archiver endpoint. */
    interface Pscheduler {
        /** The largest run document taken, in bytes. */
        long maxBodySize();

        Batch batch();

        /** Group commit of runs that arrive together. */
        interface Batch {
            Duration window();

            int maxRuns();

            int inFlight();

            int queueLimit();

            Duration retryAfter();

            Duration timeout();

            Duration shutdownGrace();
        }
    }

    /** esmond's write keys. */
    interface ApiKeys {
        /** How long a key found active is taken as active without asking the database again; 0 asks every time. */
        Duration cacheTtl();

        /** Active keys held at most. */
        int cacheSize();
    }

    /** The list of refused writes. */
    interface IngestFailures {
        /** Rows kept. */
        int kept();
    }
}
