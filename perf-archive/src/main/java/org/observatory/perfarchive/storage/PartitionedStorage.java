package org.observatory.perfarchive.storage;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Plain PostgreSQL: ps_value is LIST-partitioned by event type and each of those RANGE-partitioned by month.
 * Partitions are created on first use (the DDL runs in its own short transaction, under an advisory lock, see
 * ps_ensure_partition) and retention drops whole months, which gives the disk space back at once.
 */
public class PartitionedStorage implements ValueStorage {

    private final Pool pool;
    /** Partitions known to exist: the common case costs no round trip. */
    private final Set<PartitionKey> known = ConcurrentHashMap.newKeySet();

    public PartitionedStorage(Pool pool) {
        this.pool = pool;
    }

    @Override
    public String name() {
        return "partitioned";
    }

    @Override
    public Uni<Void> ensurePartitions(Set<PartitionKey> keys) {
        List<PartitionKey> missing = keys.stream().filter(k -> !known.contains(k)).toList();
        if (missing.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(missing)
                .onItem().transformToUniAndConcatenate(key -> pool.preparedQuery("SELECT ps_ensure_partition($1, $2)")
                        .execute(Tuple.of(key.eventType(), key.month()))
                        .invoke(() -> known.add(key)))
                .collect().last().replaceWithVoid();
    }

    @Override
    public Uni<List<String>> dropAllBefore(Instant horizon) {
        // Partitions are per event type already: the caller drops each type with its own horizon.
        return Uni.createFrom().item(List.of());
    }

    @Override
    public Uni<List<String>> dropBefore(String eventType, Instant horizon) {
        // Only months that end before the horizon: a month partly inside the retention period stays whole.
        LocalDate firstKept = LocalDate.ofInstant(horizon, ZoneOffset.UTC).withDayOfMonth(1);
        return pool.withTransaction(tx -> tx.preparedQuery("""
                        SELECT table_name, month FROM ps_partition WHERE event_type = $1 AND month < $2
                        ORDER BY month FOR UPDATE""")
                .execute(Tuple.of(eventType, firstKept))
                .onItem().transformToUni(rows -> {
                    List<String> tables = new ArrayList<>();
                    for (Row r : rows) {
                        tables.add(r.getString("table_name"));
                        known.remove(new PartitionKey(eventType, r.getLocalDate("month")));
                    }
                    return Multi.createFrom().iterable(tables)
                            .onItem().transformToUniAndConcatenate(table -> tx.query("DROP TABLE IF EXISTS \""
                                    + table.replace("\"", "") + "\"").execute())
                            .collect().asList()
                            .chain(() -> tx.preparedQuery("DELETE FROM ps_partition WHERE event_type = $1 AND month < $2")
                                    .execute(Tuple.of(eventType, firstKept)))
                            .replaceWith(tables);
                }));
    }
}
