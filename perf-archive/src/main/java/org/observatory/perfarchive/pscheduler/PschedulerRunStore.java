package org.observatory.perfarchive.pscheduler;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Received runs, by run uuid (reactive client). */
@ApplicationScoped
public class PschedulerRunStore {

    private final Pool pool;

    public PschedulerRunStore(Pool pool) {
        this.pool = pool;
    }

    /** A run's row: its uuid, what it became, and its whole document as text. */
    public record RunRow(UUID runId, String testType, String status, String metadataKey, String observer, long runStart,
                         String document) {
    }

    /**
     * Records the runs (ids distinct), first thing in the transaction {@code tx} of their values; answers the ids
     * recorded now. A run recorded before (or by a transaction not yet committed, which this one waits for) is not
     * in the answer: the caller stores nothing of it.
     */
    public Uni<Set<UUID>> insertNew(SqlClient tx, List<RunRow> rows) {
        int n = rows.size();
        UUID[] id = new UUID[n];
        String[] type = new String[n];
        String[] status = new String[n];
        String[] key = new String[n];
        String[] observer = new String[n];
        Long[] start = new Long[n];
        String[] document = new String[n];
        for (int i = 0; i < n; i++) {
            RunRow r = rows.get(i);
            id[i] = r.runId();
            type[i] = r.testType();
            status[i] = r.status();
            key[i] = r.metadataKey();
            observer[i] = r.observer();
            start[i] = r.runStart();
            document[i] = r.document();
        }
        return tx.preparedQuery("""
                        INSERT INTO ps_pscheduler_run (run_id, test_type, status, metadata_key, observer, run_start, document)
                        SELECT i, t, s, k, o, to_timestamp(st), d::jsonb
                        FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::text[])
                             AS u(i, t, s, k, o, st, d)
                        ON CONFLICT (run_id) DO NOTHING RETURNING run_id""")
                .execute(Tuple.from(new Object[]{id, type, status, key, observer, start, document}))
                .map(result -> {
                    Set<UUID> inserted = new HashSet<>();
                    for (Row r : result) {
                        inserted.add(r.getUUID("run_id"));
                    }
                    return inserted;
                });
    }

    /**
     * Records one run, first thing in the transaction {@code client} that stores its values (or alone); false when
     * a run with this id was recorded before, which the caller turns into a rollback: nothing stored twice.
     */
    public Uni<Boolean> insert(SqlClient client, RunRow row) {
        return insertNew(client, List.of(row)).map(inserted -> !inserted.isEmpty());
    }

    /** The stored document of a run. */
    public Uni<Optional<JsonObject>> document(String runId) {
        return pool.preparedQuery("SELECT document FROM ps_pscheduler_run WHERE run_id = $1")
                .execute(Tuple.of(UUID.fromString(runId)))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty()
                        : Optional.ofNullable(rows.iterator().next().getJsonObject("document")));
    }
}
