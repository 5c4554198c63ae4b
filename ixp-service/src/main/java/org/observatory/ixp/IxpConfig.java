package org.observatory.ixp;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The service's own settings, everything under {@code ixp.} in application.properties (documented there, with
 * the environment variables that set them). One interface so that a reader finds every knob in one place.
 */
@ConfigMapping(prefix = "ixp")
public interface IxpConfig {

    /** The live PeeringDB API and its scheduled import. */
    PeeringDb peeringdb();

    /** CAIDA's archive of PeeringDB dumps (backfills). */
    Archive archive();

    /** The ASN registry (RIR delegated files and optional ASN lists) and its scheduled reload. */
    AsnRegistry asnRegistry();

    interface PeeringDb {
        /** The API root, without a trailing type ({@code https://www.peeringdb.com/api}). */
        String baseUrl();

        /** Sent as {@code Authorization: Api-Key ...}; absent or blank for anonymous access. */
        Optional<String> apiKey();

        /** Objects per request ({@code limit}). */
        @WithDefault("1000")
        int pageSize();

        /** Retries of one request after 429, 5xx or a connection failure. */
        @WithDefault("6")
        int maxRetries();

        /** First back-off; doubled after each retry unless PeeringDB sends Retry-After. */
        @WithDefault("PT5S")
        Duration retryDelay();

        /** Upper bound of one back-off, Retry-After included. */
        @WithDefault("PT2M")
        Duration maxRetryDelay();

        /** Fetch ix and net as changes since the last successful import. */
        @WithDefault("true")
        boolean incremental();

        /** When the scheduled import runs; {@code off} disables it. Read by the scheduler. */
        String cron();
    }

    interface Archive {
        /** URL or local path with %Y, %m and %d filled in per day. */
        String locationPattern();
    }

    interface AsnRegistry {
        /** RIR delegated-extended files, URLs or paths. */
        List<String> delegatedFiles();

        /** One ASN per line: ASNs seen in the routing table. */
        Optional<String> routedAsns();

        /** CAIDA AS-relationship lines (customer cones). */
        Optional<String> customers();

        /** One ASN per line: MANRS participants. */
        Optional<String> manrs();

        /** When the scheduled reload runs; {@code off} disables it. Read by the scheduler. */
        String cron();
    }
}
