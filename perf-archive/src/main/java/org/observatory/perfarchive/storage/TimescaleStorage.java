package org.observatory.perfarchive.storage;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * TimescaleDB 2.x: ps_value is a hypertable (7-day chunks, space-partitioned by event type, see V2). Chunks are
 * created by TimescaleDB. Retention of one event type deletes its rows; chunks that hold nothing newer than the
 * horizon for any event type are dropped with drop_chunks, which frees their space.
 * Written against the TimescaleDB 2.x documentation; the tests here run the plain dialect.
 */
public class TimescaleStorage implements ValueStorage {

    private final Pool pool;

    public TimescaleStorage(Pool pool) {
        this.pool = pool;
    }

    @Override
    public String name() {
        return "timescaledb";
    }

    @Override
    public Uni<Void> ensurePartitions(Set<PartitionKey> keys) {
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<List<String>> dropBefore(String eventType, Instant horizon) {
        // Chunks mix event types, so one type's retention deletes rows; dropAllBefore frees whole chunks.
        return pool.preparedQuery("DELETE FROM ps_value WHERE event_type = $1 AND ts < $2")
                .execute(Tuple.of(eventType, horizon.atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.rowCount() == 0 ? List.<String>of() : List.of(eventType + ": " + rows.rowCount() + " rows"));
    }

    @Override
    public Uni<List<String>> dropAllBefore(Instant horizon) {
        return pool.preparedQuery("SELECT drop_chunks('ps_value', older_than => $1)::text AS chunk")
                .execute(Tuple.of(horizon.atOffset(ZoneOffset.UTC)))
                .map(rows -> {
                    List<String> dropped = new ArrayList<>();
                    rows.forEach(r -> dropped.add(r.getString("chunk")));
                    return dropped;
                });
    }
}
