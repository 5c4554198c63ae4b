package org.observatory.logingest.rollup;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The rollup columns one may group and filter by; the names are the API's, the columns the tables'. */
public enum Dimension {
    NETWORK("network"),
    STATION("station"),
    LOCATION("location"),
    CHANNEL("channel"),
    COUNTRY("country"),
    CLIENT("client_hash"),
    PROTOCOL("protocol");

    private final String column;

    Dimension(String column) {
        this.column = column;
    }

    public String column() {
        return column;
    }

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Dimension> byApiName(String name) {
        return Arrays.stream(values()).filter(d -> d.apiName().equals(name.strip().toLowerCase(Locale.ROOT))).findFirst();
    }
}
