package org.observatory.logingest.storage;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What differs between plain PostgreSQL and TimescaleDB: where stream rows may go, and how rollups catch up.
 * Both keep {@code log_event} and the rollups {@code log_rollup_hour|day|month} with the same columns, so
 * everything else (ingest, queries, statistics) is written once.
 */
public interface StorageDialect {

    String name();

    /** Makes sure rows of these months can be stored; runs outside the ingest transaction. */
    Uni<Void> prepareMonths(Set<Instant> monthStarts);

    /**
     * Recomputes the rollups of these hours (and the days and months that contain them) from the stored
     * events, inside the caller's transaction where the dialect allows one.
     */
    Uni<Void> refreshRollups(SqlConnection connection, List<Instant> hours);

    /** True when {@link #refreshRollups} must run outside a transaction block. */
    boolean refreshNeedsAutocommit();
}
