package org.observatory.logingest.rollup;

import jakarta.ws.rs.QueryParam;
import java.util.EnumMap;
import java.util.Map;

/** The query parameters that totals and series share, in JSON and in CSV. */
public class RollupParams {

    @QueryParam("resolution")
    String resolution;
    @QueryParam("from")
    String from;
    @QueryParam("to")
    String to;
    /** Repeated ({@code groupBy=a&groupBy=b}) or comma-separated ({@code groupBy=a,b}), or both: the same. */
    @QueryParam("groupBy")
    java.util.List<String> groupBy;
    @QueryParam("network")
    String network;
    @QueryParam("station")
    String station;
    @QueryParam("location")
    String location;
    @QueryParam("channel")
    String channel;
    @QueryParam("country")
    String country;
    @QueryParam("client")
    String client;
    @QueryParam("protocol")
    String protocol;
    @QueryParam("limit")
    Integer limit;
    @QueryParam("offset")
    Long offset;

    /** The groupBy values joined by commas, or null when there is none. */
    String groupBy() {
        return groupBy == null || groupBy.isEmpty() ? null : String.join(",", groupBy);
    }

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
