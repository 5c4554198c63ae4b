package org.observatory.logingest.storage;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plain PostgreSQL 15: {@code log_event} is range-partitioned by month. Ingests never run DDL: the partitions job
 * creates every month an ingest may accept ahead of time (building each as a table and attaching it, which does not
 * conflict with the inserts' locks), and rows of a month it has not created yet go to the default partition, from
 * which the job later moves them (V12). The rollup tables are recomputed per dirty hour by {@code RollupRefresher}.
 */
public final class PlainPostgresDialect implements StorageDialect {

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


    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public Optional<String> unavailable(StorageJob job) {
        return job == StorageJob.COMPRESSION
                ? Optional.of("plain PostgreSQL has no compression of raw rows; install TimescaleDB for it")
                : Optional.empty();
    }

    @Override
    public Uni<String> run(SqlConnection c, StorageJob job, List<Instant> months, Instant horizon) {
        return switch (job) {
            case PARTITIONS -> ensureMonths(c, months);
            case RETENTION -> c.preparedQuery("SELECT log_event_drop_before($1) AS outcome")
                    .execute(Tuple.of(horizon.atOffset(ZoneOffset.UTC)))
                    .map(rows -> rows.iterator().next().getString("outcome"));
            default -> Uni.createFrom().failure(new IllegalArgumentException(job.apiName() + " is not a plain PostgreSQL job"));
        };
    }

    /** One month at a time, so that the locks of each ATTACH are held briefly (see V12). */
    private static Uni<String> ensureMonths(SqlConnection c, List<Instant> months) {
        Uni<List<String>> chain = Uni.createFrom().item(new ArrayList<>());
        for (Instant month : months) {
            chain = chain.chain(done -> c.preparedQuery("SELECT log_event_ensure_month($1) AS outcome")
                    .execute(Tuple.of(month.atOffset(ZoneOffset.UTC)))
                    .map(rows -> {
                        String outcome = rows.iterator().next().getString("outcome");
                        if (!outcome.equals("exists")) {
                            done.add(month.atOffset(ZoneOffset.UTC).toLocalDate().toString().substring(0, 7) + " " + outcome);
                        }
                        return done;
                    }));
        }
        return chain.map(done -> months.size() + " months checked" + (done.isEmpty() ? ", all present" : ": " + String.join("; ", done)));
    }

    @Override
    public Uni<Optional<StorageJobStatus>> databaseStatus(SqlConnection c, StorageJob job) {
        return Uni.createFrom().item(Optional.empty());
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
