package org.observatory.logingest.rollup;

import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import java.util.EnumMap;
import java.util.Map;

/** The query parameters that totals and series share, in JSON and in CSV. */
public class RollupParams {

    @QueryParam("resolution")
    @Parameter(description = "Bucket size; a range may span at most 93 days of hours, 3700 days of days",
            schema = @Schema(enumeration = {"hour", "day", "month"}, defaultValue = "day"))
    String resolution;
    @QueryParam("from")
    @Parameter(description = "Start of the range, inclusive (default: to minus 2 days, 31 days or 730 days by resolution): an ISO date (2026-03-16) or instant (2026-03-16T00:00:00Z)", example = "2026-03-16")
    String from;
    @QueryParam("to")
    @Parameter(description = "End of the range, exclusive (default: now): an ISO date (2026-03-16) or instant (2026-03-16T00:00:00Z)", example = "2026-03-16")
    String to;
    @QueryParam("groupBy")
    @Parameter(description = "Comma-separated dimensions to group by: network, station, location, channel, country, client, protocol",
            example = "network,station", schema = @Schema(pattern = "^[a-z,]*$"))
    String groupBy;
    @QueryParam("network")
    @Parameter(description = "Only this FDSN network code", example = "IU")
    String network;
    @QueryParam("station")
    @Parameter(description = "Only this station code", example = "SNZO")
    String station;
    @QueryParam("location")
    @Parameter(description = "Only this location code", example = "10")
    String location;
    @QueryParam("channel")
    @Parameter(description = "Only this channel code", example = "BHZ")
    String channel;
    @QueryParam("country")
    @Parameter(description = "Only clients in this country (ISO 3166 alpha-2, from GeoIP)", example = "NZ")
    String country;
    @QueryParam("client")
    @Parameter(description = "Only this client (its anonymous hash, as totals grouped by client show it)", example = "3f2a9c")
    String client;
    @QueryParam("protocol")
    @Parameter(description = "Only this protocol", example = "SeedLink")
    String protocol;
    @QueryParam("limit")
    @Parameter(description = "Page size in rows", schema = @Schema(defaultValue = "100", minimum = "1", maximum = "10000"))
    Integer limit;
    @QueryParam("offset")
    @Parameter(description = "Rows to skip", schema = @Schema(defaultValue = "0", minimum = "0"))
    Long offset;

    /** The dimensions the caller filtered on, with their values. */
    Map<Dimension, String> filters() {
        Map<Dimension, String> filters = new EnumMap<>(Dimension.class);
        put(filters, Dimension.NETWORK, network);
        put(filters, Dimension.STATION, station);
        put(filters, Dimension.LOCATION, location);
        put(filters, Dimension.CHANNEL, channel);
        put(filters, Dimension.COUNTRY, country);
        put(filters, Dimension.CLIENT, client);
        put(filters, Dimension.PROTOCOL, protocol);
        return filters;
    }

    private static void put(Map<Dimension, String> filters, Dimension dimension, String value) {
        if (value != null) {
            filters.put(dimension, value);
        }
    }
}
