package org.observatory.perfarchive.eventtype;

import java.util.Arrays;
import java.util.Optional;

/** A summary of an event type; JSON uses the singular name, URLs the plural. */
public enum SummaryType {
    BASE("base", "base"),
    AGGREGATION("aggregation", "aggregations"),
    AVERAGE("average", "averages"),
    STATISTICS("statistics", "statistics");

    private final String json;
    private final String url;

    SummaryType(String json, String url) {
        this.json = json;
        this.url = url;
    }

    public String json() {
        return json;
    }

    public String url() {
        return url;
    }

    public static Optional<SummaryType> fromJson(String name) {
        return Arrays.stream(values()).filter(t -> t.json.equals(name)).findFirst();
    }

    public static Optional<SummaryType> fromUrl(String name) {
        return Arrays.stream(values()).filter(t -> t != BASE && t.url.equals(name)).findFirst();
    }
}
