package org.observatory.perfarchive.pscheduler;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
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

    /** The metadata key of a run stored before, if any. */
    public Uni<Optional<String>> storedKey(String runId) {
        return pool.preparedQuery("SELECT metadata_key FROM ps_pscheduler_run WHERE run_id = $1")
                .execute(Tuple.of(UUID.fromString(runId)))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getString(0)));
    }

    /** Records the run; false when another request recorded it first. */
    public Uni<Boolean> insert(String runId, String testType, String status, String metadataKey, String observer,
                               String document) {
        return pool.preparedQuery("""
                        INSERT INTO ps_pscheduler_run (run_id, test_type, status, metadata_key, observer, document)
                        VALUES ($1, $2, $3, $4, $5, $6::text::jsonb) ON CONFLICT (run_id) DO NOTHING""")
                .execute(Tuple.from(new Object[]{UUID.fromString(runId), testType, status, metadataKey, observer, document}))
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
