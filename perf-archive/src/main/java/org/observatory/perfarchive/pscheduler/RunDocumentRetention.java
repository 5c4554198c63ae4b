package org.observatory.perfarchive.pscheduler;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.observatory.perfarchive.storage.RetentionPolicy;

/**
 * Retention of run documents, with the same policy as the esmond values: a document goes when its run started
 * before the horizon of every event type its metadata keeps (the longest-kept one decides; an event type kept
 * for ever keeps the metadata's documents for ever). Deleted in bounded batches, so no statement runs long.
 */
@ApplicationScoped
public class RunDocumentRetention {

    /** Documents deleted per statement. */
    static final int BATCH = 5_000;

    private final Pool pool;
    private final RetentionPolicy policy;

    public RunDocumentRetention(Pool pool, RetentionPolicy policy) {
        this.pool = pool;
        this.policy = policy;
    }

    /** Deletes the documents past retention; answers how many. */
    public Uni<Long> apply() {
        Map<String, Integer> configured = policy.configured();
        if (policy.defaultDays() <= 0 && configured.values().stream().noneMatch(d -> d > 0)) {
            return Uni.createFrom().item(0L);
        }
        String[] types = configured.keySet().toArray(new String[0]);
        Integer[] days = new Integer[types.length];
        for (int i = 0; i < types.length; i++) {
            days[i] = configured.get(types[i]);
        }
        return batch(Tuple.of(types, days, policy.defaultDays(), BATCH), 0);
    }

    private Uni<Long> batch(Tuple args, long deletedSoFar) {
        return pool.preparedQuery("""
                        WITH kept AS (
                            SELECT m.metadata_key, max(COALESCE(c.days, $3)) AS days, bool_or(COALESCE(c.days, $3) <= 0) AS always
                            FROM ps_metadata m JOIN ps_series s ON s.metadata_id = m.id AND s.summary_type = 'base'
                            LEFT JOIN unnest($1::text[], $2::int[]) AS c(event_type, days) ON c.event_type = s.event_type
                            GROUP BY m.metadata_key)
                        DELETE FROM ps_pscheduler_run WHERE run_id IN (
                            SELECT r.run_id FROM kept k JOIN ps_pscheduler_run r ON r.metadata_key = k.metadata_key
                            WHERE NOT k.always AND r.run_start < now() - make_interval(days => k.days)
                            LIMIT $4)""")
                .execute(args)
                .chain(rows -> rows.rowCount() < BATCH ? Uni.createFrom().item(deletedSoFar + rows.rowCount())
                        : batch(args, deletedSoFar + rows.rowCount()));
    }
}
