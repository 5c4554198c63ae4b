package org.observatory.logingest.storage;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Plain PostgreSQL 15: {@code log_event} is range-partitioned by month, partitions are created on demand in
 * their own short transaction (so that an ingest never holds the parent's DDL lock), and the rollup tables are
 * recomputed per dirty hour by {@code RollupRefresher}.
 */
public final class PlainPostgresDialect implements StorageDialect {

    private static final String CREATE_PARTITION = """
            DO $$
            BEGIN
                PERFORM pg_advisory_xact_lock(hashtext('log_event partitions'));
                IF to_regclass('%1$s') IS NULL THEN
                    CREATE TABLE %1$s PARTITION OF log_event FOR VALUES FROM ('%2$s') TO ('%3$s');
                END IF;
            END
            $$""";

    // Hour rollups from the raw rows of the dirty hours; days from hours; months from days. All buckets in UTC.
    private static final String HOUR = """
            INSERT INTO log_rollup_hour
            SELECT h.hour, e.network, e.station, e.location, e.channel, e.country, e.client_hash, e.protocol,
                   sum(e.bytes), sum(e.packets), count(*)
            FROM unnest($1::timestamptz[]) AS h(hour)
            JOIN log_event e ON e.log_time >= h.hour AND e.log_time < h.hour + INTERVAL '1 hour'
            GROUP BY h.hour, e.network, e.station, e.location, e.channel, e.country, e.client_hash, e.protocol""";
    private static final String DAY = """
            INSERT INTO log_rollup_day
            SELECT d.day, r.network, r.station, r.location, r.channel, r.country, r.client_hash, r.protocol,
                   sum(r.bytes), sum(r.packets), sum(r.events)
            FROM unnest($1::timestamptz[]) AS d(day)
            JOIN log_rollup_hour r ON r.bucket >= d.day AND r.bucket < d.day + INTERVAL '1 day'
            GROUP BY d.day, r.network, r.station, r.location, r.channel, r.country, r.client_hash, r.protocol""";
    private static final String MONTH = """
            INSERT INTO log_rollup_month
            SELECT m.month, r.network, r.station, r.location, r.channel, r.country, r.client_hash, r.protocol,
                   sum(r.bytes), sum(r.packets), sum(r.events)
            FROM unnest($1::timestamptz[]) AS m(month)
            JOIN log_rollup_day r ON r.bucket >= m.month
                 AND r.bucket < ((m.month AT TIME ZONE 'UTC') + INTERVAL '1 month') AT TIME ZONE 'UTC'
            GROUP BY m.month, r.network, r.station, r.location, r.channel, r.country, r.client_hash, r.protocol""";

    private final Pool pool;
    private final Set<Instant> knownMonths = ConcurrentHashMap.newKeySet();

    public PlainPostgresDialect(Pool pool) {
        this.pool = pool;
    }

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public Uni<Void> prepareMonths(Set<Instant> monthStarts) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Instant month : monthStarts) {
            if (knownMonths.contains(month)) {
                continue;
            }
            OffsetDateTime start = month.atOffset(ZoneOffset.UTC);
            String name = String.format("log_event_%04d%02d", start.getYear(), start.getMonthValue());
            String sql = String.format(CREATE_PARTITION, name, start, start.plusMonths(1));
            chain = chain.chain(() -> pool.withTransaction(c -> c.query(sql).execute()).replaceWithVoid())
                    .invoke(() -> knownMonths.add(month));
        }
        return chain;
    }

    @Override
    public Uni<Void> refreshRollups(SqlConnection c, List<Instant> hours) {
        OffsetDateTime[] hourArray = hours.stream().map(h -> h.atOffset(ZoneOffset.UTC)).toArray(OffsetDateTime[]::new);
        OffsetDateTime[] days = hours.stream().map(h -> h.atOffset(ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.DAYS))
                .distinct().toArray(OffsetDateTime[]::new);
        OffsetDateTime[] months = java.util.Arrays.stream(days).map(d -> d.withDayOfMonth(1)).distinct().toArray(OffsetDateTime[]::new);
        return c.preparedQuery("DELETE FROM log_rollup_hour WHERE bucket = ANY($1)").execute(Tuple.of(hourArray))
                .chain(() -> c.preparedQuery(HOUR).execute(Tuple.of(hourArray)))
                .chain(() -> c.preparedQuery("DELETE FROM log_rollup_day WHERE bucket = ANY($1)").execute(Tuple.of(days)))
                .chain(() -> c.preparedQuery(DAY).execute(Tuple.of(days)))
                .chain(() -> c.preparedQuery("DELETE FROM log_rollup_month WHERE bucket = ANY($1)").execute(Tuple.of(months)))
                .chain(() -> c.preparedQuery(MONTH).execute(Tuple.of(months)))
                .replaceWithVoid();
    }

    @Override
    public boolean refreshNeedsAutocommit() {
        return false;
    }
}
