package org.observatory.registry.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The registry's settings ({@code registry.*} in application.properties). */
@ConfigMapping(prefix = "registry")
public interface RegistryConfig {

    Api api();

    Crawler crawler();

    Geoip geoip();

    /** Settings per crawled field, keyed by the field's name in the crawled JSON. */
    Map<String, FieldSetting> fields();

    interface Api {
        /** Bodies of the Indico API above this size are refused with a 400 before parsing. */
        @WithDefault("16384")
        int maxBodyBytes();

        /** Registrations allowed per client address per window. */
        @WithDefault("20")
        int registrationsPerWindow();

        @WithDefault("PT1H")
        Duration registrationWindow();
    }

    interface Crawler {
        String cron();

        List<Endpoint> endpoints();

        @WithDefault("PT10S")
        Duration requestTimeout();

        @WithDefault("PT5S")
        Duration connectTimeout();

        @WithDefault("262144")
        int maxResponseBytes();

        @WithDefault("16")
        int concurrency();

        @WithDefault("3")
        int maxRedirects();

        /** Instances claimed per database round trip during a run. */
        @WithDefault("50")
        int batchSize();

        /** How long a replica's claim on an instance lasts; longer than one instance's crawl can take. */
        @WithDefault("PT10M")
        Duration lease();

        /** Instances without a success for this many days are not crawled any more (but stay listed). */
        @WithDefault("30")
        int stopAfterDays();

        /** Crawl records kept per instance. */
        @WithDefault("50")
        int historyPerInstance();

        @WithDefault("Observatory-instance-registry/0.1")
        String userAgent();

        /**
         * Networks (CIDR) exempt from the refusal of loopback, private, link-local and multicast targets.
         * Empty in production; tests and the benchmark allow their own loopback server.
         */
        Optional<List<String>> allowedNetworks();
    }

    interface Endpoint {
        /** Appended to the instance's URL, e.g. {@code /system-info}. */
        String path();

        Map<String, String> headers();
    }

    interface Geoip {
        /** A GeoIP2/GeoLite2 City database file; without it instances are not located. */
        Optional<Path> database();
    }

    interface FieldSetting {
        Optional<String> label();

        @WithDefault("false")
        boolean chart();

        @WithDefault("bar")
        String chartType();

        /** How a list or object value becomes one number: sum, avg, min, max, or none. */
        @WithDefault("none")
        String aggregation();

        /** count, sum, avg, min or max over the instances of each group. */
        @WithDefault("count")
        String chartAggregation();

        /** Another field or {@code country}; ignored by count. */
        @WithDefault("country")
        String chartAggregateBy();

        @WithDefault("false")
        boolean hidden();
    }
}
