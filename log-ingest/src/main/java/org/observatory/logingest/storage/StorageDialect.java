package org.observatory.logingest.storage;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What differs between plain PostgreSQL and TimescaleDB: how the storage is maintained, and how rollups catch up.
 * Both keep {@code log_event} and the rollups {@code log_rollup_hour|day|month} with the same columns, so
 * everything else (ingest, queries, statistics) is written once.
 */
public interface StorageDialect {

    String name();

    /**
     * Recomputes the rollups of these hours (and the days and months that contain them) from the stored
     * events, inside the caller's transaction where the dialect allows one. The caller passes only hours whose raw
     * rows are all still kept (none older than the retention horizon).
     */
    Uni<Void> refreshRollups(SqlConnection connection, List<Instant> hours);

    /** True when {@link #refreshRollups} must run outside a transaction block. */
    boolean refreshNeedsAutocommit();

    /** Why a storage job does not exist in this dialect, or empty when it does. */
    Optional<String> unavailable(StorageJob job);

    /**
     * Runs one storage job now (never {@link StorageJob#ROLLUP_REFRESH}, which {@code RollupRefresher} owns) and
     * answers what it did.
     *
     * @param months  for {@link StorageJob#PARTITIONS}: the starts of the months that must have a partition
     * @param horizon for {@link StorageJob#RETENTION}: raw rows older than this may be dropped
     */
    Uni<String> run(SqlConnection connection, StorageJob job, List<Instant> months, Instant horizon);

    /** The database's own record of a job it schedules itself (TimescaleDB policies), when it has one. */
    Uni<Optional<StorageJobStatus>> databaseStatus(SqlConnection connection, StorageJob job);
}
