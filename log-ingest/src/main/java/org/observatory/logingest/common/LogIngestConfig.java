package org.observatory.logingest.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The service's own settings ({@code logs.*} in application.properties). */
@ConfigMapping(prefix = "logs")
public interface LogIngestConfig {

    Ingest ingest();

    Privacy privacy();

    Geoip geoip();

    Directory directory();

    Rollup rollup();

    Stats stats();

    Retention retention();

    Storage storage();

    interface Retention {
        /** How long raw stream rows are kept; the rollups outlive them. */
        @WithDefault("P730D")
        Duration rawData();

        /**
         * Events must be at least this much younger than the raw-data horizon to be accepted, so that they are rolled
         * up before a retention run can drop them.
         */
        @WithDefault("P1D")
        Duration ingestMargin();
    }

    interface Storage {
        /** UTC cron of the partition and retention jobs, or {@code off} (then they do not run at start either). */
        String cron();

        /** Monthly partitions created ahead of the newest month an ingest may accept. */
        @WithDefault("3")
        int monthsAhead();

        /** How long a storage job waits for a lock before giving up until its next run. */
        @WithDefault("PT2S")
        Duration lockTimeout();

        /** Statement timeout of storage jobs and rollup refreshes (they may scan much more than a request). */
        @WithDefault("PT30M")
        Duration statementTimeout();
    }

    interface Rollup {
        /** UTC cron of the rollup refresh, or {@code off}. */
        String cron();
    }

    interface Stats {
        /** UTC cron of the statistics flush, or {@code off}; aligned to the epoch by being a cron. */
        String cron();

        /** Dirty hours one flush transaction takes: a restart after a crash redoes at most this much. */
        @WithDefault("24")
        int chunkHours();

        /** Rows kept per plugin and period (a hostile log may announce millions of agents): the first in order. */
        @WithDefault("1000")
        int maxRowsPerPeriod();

        /** Longest a statement of the flush may run in PostgreSQL before it is cancelled. */
        @WithDefault("PT5M")
        Duration statementTimeout();
    }

    interface Ingest {
        /** Largest request body read, in bytes (compressed size for gzip). */
        @WithDefault("1073741824")
        long maxBodyBytes();

        /** Largest decompressed text read from one request: guards against gzip bombs. */
        @WithDefault("4294967296")
        long maxTextBytes();

        /**
         * Largest decompressed-to-compressed size of a gzip body, checked while it streams (the first 64 KiB
         * compressed count as 64 KiB): gzip bombs reach ~1000:1, TX logs about 10:1.
         */
        @WithDefault("100")
        long maxCompressionRatio();

        /** Blank or rejected lines one log may hold before it is refused whole: they cost parsing and store nothing. */
        @WithDefault("1000000")
        long maxUnusableLines();

        /** Stream rows per INSERT through the reactive client. */
        @WithDefault("4000")
        int batchRows();

        /** Rejections listed in an answer; the count covers all of them. */
        @WithDefault("1000")
        int maxRejectionsListed();

        /** Log times later than now plus this are rejected. */
        @WithDefault("P1D")
        Duration futureTolerance();

        /** A request not stored within this is rolled back and answered 503, nothing stored. */
        @WithDefault("PT10M")
        Duration deadline();

        /** Retry-After of a 503 (deadline, lock or statement timeout, collision). */
        @WithDefault("PT30S")
        Duration retryAfter();
    }

    interface Privacy {
        /** HMAC secret for client host hashes and block keys; outside dev/test a default or short key stops the start. */
        String clientHashSecret();

        /** Whether figures per client hash are public (like other reads); otherwise they need logs:admin. */
        @WithDefault("false")
        boolean publicClientFigures();
    }

    interface Geoip {
        /** Path of a MaxMind GeoIP2/GeoLite2 City database; absent means every location is unknown. */
        Optional<String> cityDatabase();
    }

    interface Directory {
        /** Folder that POST /logs/directory reads, where operators rotate TX logs. */
        Optional<String> path();
    }
}
