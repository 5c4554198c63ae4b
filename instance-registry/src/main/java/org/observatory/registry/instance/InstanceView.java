package org.observatory.registry.instance;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.observatory.registry.fields.FieldSettings;

/** Public views of instances: never the owner's uuid (the key to PATCH) nor the contact's address. */
public final class InstanceView {

    private InstanceView() {
    }

    @Schema(name = "InstanceCountry", description = "Where an instance is, from GeoIP")
    public record Country(String code, String name, Double latitude, Double longitude) {
    }

    @Schema(name = "CrawlState", description = "The state of an instance's crawls")
    public record Crawl(String status, OffsetDateTime lastCrawl, OffsetDateTime lastSuccess, String error,
            int consecutiveFailures) {
    }

    /** One row of the listing. */
    @Schema(name = "InstanceSummary")
    public record Summary(long id, String url, String organization, boolean enabled, OffsetDateTime registered,
            Country country, Crawl crawl,
            @Schema(description = "The visible crawled fields by name, as crawled (any JSON)") Map<String, Object> fields) {
    }

    /** One crawl attempt. */
    public record CrawlRecord(OffsetDateTime started, OffsetDateTime finished, String status, String reason,
            String error, Integer httpStatus) {
    }

    /** One instance with its crawled fields, location and recent crawl history. */
    @Schema(name = "InstanceDetail")
    public record Detail(long id, String url, String organization, boolean enabled, OffsetDateTime registered,
            Country country, Crawl crawl, List<FieldSettings.ShownField> fields, List<CrawlRecord> crawls) {
    }

    public record Page<T>(long total, int limit, long offset, List<T> items) {
    }
}
