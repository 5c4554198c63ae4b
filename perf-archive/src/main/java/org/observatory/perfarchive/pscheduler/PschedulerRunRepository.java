package org.observatory.perfarchive.pscheduler;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/** Received runs, by run uuid (reactive client). */
@ApplicationScoped
public class PschedulerRunRepository {

    private final Pool pool;

    public PschedulerRunRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Records the run, first thing in the transaction {@code client} that stores its values (or alone); false when
     * a run with this id was recorded before, which the caller turns into a rollback: nothing stored twice.
     */
    public Uni<Boolean> insert(SqlClient client, String runId, String testType, String status, String metadataKey,
                               String observer, long runStart, String document) {
        return client.preparedQuery("""
                        INSERT INTO ps_pscheduler_run (run_id, test_type, status, metadata_key, observer, run_start, document)
                        VALUES ($1, $2, $3, $4, $5, to_timestamp($6), $7::text::jsonb) ON CONFLICT (run_id) DO NOTHING""")
                .execute(Tuple.from(new Object[]{UUID.fromString(runId), testType, status, metadataKey, observer, runStart,
                        document}))
                .map(rows -> rows.rowCount() == 1);
    }

    /** The stored document of a run. */
    public Uni<Optional<JsonObject>> document(String runId) {
        return pool.preparedQuery("SELECT document FROM ps_pscheduler_run WHERE run_id = $1")
                .execute(Tuple.of(UUID.fromString(runId)))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty()
                        : Optional.ofNullable((JsonObject) rows.iterator().next().getValue(0)));
    }
}
