package org.observatory.logingest.storage;

import java.util.Arrays;
import java.util.Optional;

/** The storage jobs an operator can see and trigger. */
public enum StorageJob {
    PARTITIONS("partitions", "Creates the monthly partitions of every month an ingest may accept and moves rows out of "
            + "the default partition (plain PostgreSQL; TimescaleDB creates its chunks itself)"),
    RETENTION("retention", "Drops raw stream rows older than the raw-data retention horizon; the rollups stay"),
    COMPRESSION("compression", "Compresses raw chunks older than 14 days (TimescaleDB only)"),
    ROLLUP_REFRESH("rollup-refresh", "Recomputes the rollups of the hours marked by committed ingests, never an hour older "
            + "than the retention horizon");

    private final String apiName;
    private final String description;

    StorageJob(String apiName, String description) {
        this.apiName = apiName;
        this.description = description;
    }

    public String apiName() {
        return apiName;
    }

    public String description() {
        return description;
    }

    public static Optional<StorageJob> byApiName(String name) {
        return Arrays.stream(values()).filter(j -> j.apiName.equals(name)).findFirst();
    }
}
