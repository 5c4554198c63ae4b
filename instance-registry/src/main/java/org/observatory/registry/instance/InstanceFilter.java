package org.observatory.registry.instance;

import java.util.Map;
import java.util.Optional;

/**
 * A listing request: filters on main columns, on crawl status and on crawled fields, one sort key.
 *
 * @param crawlStatus   never, ok, failed or stopped
 * @param fieldEquals   crawled field name to the text its value must have
 * @param sort          a main column or {@code field.<name>}, with {@code -} in front for descending
 */
public record InstanceFilter(Optional<Boolean> enabled, Optional<String> country, Optional<String> crawlStatus,
        Map<String, String> fieldEquals, String sort) {
}
