package org.observatory.perfarchive.metadata;

import java.util.Map;
import org.observatory.perfarchive.common.TimeRange;

/**
 * A metadata search as asked, before host names are resolved.
 *
 * @param fields      subject fields and free-form parameters by their esmond names, each with the value asked for
 *                    (other names of the query, such as paging, are ignored)
 * @param eventType   only metadata with this event type, or null
 * @param summaryType only metadata with a summary of this type (its JSON name), or null
 * @param summaryWindow only metadata with a summary of this window (text of seconds), or null
 * @param dnsMatchRule how host names resolve, null for {@code v4v6}
 * @param updated     a range on the last update of an event type
 */
public record MetadataSearch(Map<String, String> fields, String eventType, String summaryType, String summaryWindow,
                             String dnsMatchRule, TimeRange updated) {
}
