package org.observatory.perfarchive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.observatory.perfarchive.data.ValueStore;

/**
 * Every write sets its series' update time, so that touch must be cheap: a heap-only update that adds no index
 * entry (an index on the update time, or a page with no room left, would make each one a new entry in every index
 * of ps_series).
 */
@QuarkusTest
class SeriesTouchTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    ValueStore values;
    @Inject
    Pool pool;

    @Test
    void touchingASeriesIsAHeapOnlyUpdate() {
        String key = Esmond.create(Esmond.withEventType(Esmond.metadata("touch-test", "198.51.100.81", "198.51.100.82"),
                "packet-count-sent", "aggregation:3600", "aggregation:86400"));
        List<Long> series = new ArrayList<>();
        for (Row row : pool.preparedQuery("""
                        SELECT s.id FROM ps_series s JOIN ps_metadata m ON m.id = s.metadata_id WHERE m.metadata_key = $1""")
                .execute(Tuple.of(key)).await().atMost(WAIT)) {
            series.add(row.getLong("id"));
        }
        assertEquals(3, series.size(), "the base series and its two aggregations");

        // The backend's counters also hold earlier transactions not yet reported; none are reported inside a
        // transaction, so the difference across the touch is the touch's own.
        long[] updated = pool.withTransaction(tx -> counters(tx)
                        .chain(before -> values.touch(tx, series).chain(() -> counters(tx))
                                .map(after -> new long[]{after[0] - before[0], after[1] - before[1]})))
                .await().atMost(WAIT);

        assertEquals(3, updated[0], "each series touched once");
        assertEquals(3, updated[1], "every touch heap-only");
    }

    /** Rows of ps_series updated, and of those heap-only, by this backend since it last reported. */
    private static Uni<long[]> counters(SqlConnection tx) {
        return tx.query("""
                        SELECT pg_stat_get_xact_tuples_updated('ps_series'::regclass) AS updated,
                               pg_stat_get_xact_tuples_hot_updated('ps_series'::regclass) AS hot""").execute()
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new long[]{row.getLong("updated"), row.getLong("hot")};
                });
    }
}
