package org.observatory.registry.crawler;

import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import org.observatory.registry.geo.Location;

/**
 * The result of one crawl attempt of one instance: the merged JSON of the endpoints that answered well,
 * and, if any endpoint failed, why.
 */
public record CrawlOutcome(long instanceId, OffsetDateTime started, OffsetDateTime finished, JsonObject data,
        Location location, String reason, String error, Integer httpStatus) {

    public boolean ok() {
        return reason == null;
    }
}
