package org.observatory.logingest.rollup;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.observatory.common.lock.JobLock;
import org.observatory.logingest.common.LogIngestConfig;
import org.observatory.logingest.storage.StorageDialect;
import org.observatory.logingest.storage.StorageDialects;

/**
 * Keeps the hour, day and month rollups current: takes the hours that committed ingests marked dirty, recomputes
 * them from the stored events, and moves the watermark. One replica at a time ({@link JobLock}); on plain
 * PostgreSQL the dirty marks are deleted in the same transaction as the recomputation, so nothing is lost to a
 * crash or to an ingest that commits meanwhile.
 */
@ApplicationScoped
public class RollupRefresher {

    static final String JOB = "log-ingest:rollup";
    private static final String TAKE_DIRTY = """
            WITH taken AS (DELETE FROM log_dirty_hour WHERE consumer = 'rollup' RETURNING hour)
            SELECT hour FROM taken ORDER BY hour""";
    private static final String SAVE_STATE = """
            INSERT INTO log_job_state (job, watermark, last_run, last_count) VALUES ($1, now(), clock_timestamp(), $2)
            ON CONFLICT (job) DO UPDATE SET watermark = excluded.watermark, last_run = excluded.last_run,
                                            last_count = excluded.last_count""";

    /**
     * What a refresh did: hours recomputed, hours left as they were because their raw rows may be gone (older than
     * the retention horizon), or that another replica held the job.
     */
    public record RollupRun(boolean ran, int hours, int hoursBeyondRetention, Instant watermark) {
    }

    private final Pool pool;
    private final StorageDialects dialects;
    private final LogIngestConfig config;
    private final JobLock lock;

    public RollupRefresher(Pool pool, StorageDialects dialects, LogIngestConfig config) {
        this.pool = pool;
        this.dialects = dialects;
        this.config = config;
        this.lock = new JobLock(pool);
    }

    /**
     * Hours before this are never recomputed from raw rows: retention may have dropped some of their rows, and a
     * recomputation would replace the hour (and its day and month) with what is left. The ingest refuses events
     * this old (with a margin), so such an hour can only be marked by a log that raced the horizon.
     */
    Instant horizon() {
        return Instant.now().minus(config.retention().rawData()).truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
    }

    @Scheduled(identity = "rollup-refresh", cron = "{logs.rollup.cron}", timeZone = "UTC",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return refresh().replaceWithVoid();
    }

    /** Runs a refresh now, unless another replica is running one. */
    public Uni<RollupRun> refresh() {
        return lock.runExclusively(JOB, () -> dialects.current().chain(this::refreshWith))
                .map(run -> run.orElse(new RollupRun(false, 0, 0, null)));
    }

    private Uni<RollupRun> refreshWith(StorageDialect dialect) {
        Instant horizon = horizon();
        if (dialect.refreshNeedsAutocommit()) {
            return refreshOutsideTransaction(dialect, horizon);
        }
        return pool.withTransaction(c -> c.query("SET LOCAL statement_timeout = " + config.storage().statementTimeout().toMillis())
                .execute()
                .chain(() -> c.query(TAKE_DIRTY).execute())
                .map(rows -> {
                    List<Instant> hours = new ArrayList<>();
                    for (Row row : rows) {
                        hours.add(row.getOffsetDateTime("hour").toInstant());
                    }
                    return hours;
                })
                .chain(taken -> {
                    // Marks of hours beyond the horizon are taken (deleted) all the same: they can never be refreshed.
                    List<Instant> hours = taken.stream().filter(h -> !h.isBefore(horizon)).toList();
                    return (hours.isEmpty() ? Uni.createFrom().voidItem() : dialect.refreshRollups(c, hours))
                            .chain(() -> saveState(c, hours.size(), taken.size() - hours.size()));
                }));
    }

    /** TimescaleDB refreshes outside a transaction: read the marks, refresh, then delete only the marks seen. */
    private Uni<RollupRun> refreshOutsideTransaction(StorageDialect dialect, Instant horizon) {
        return pool.withConnection(c -> c.query("SELECT hour, mark FROM log_dirty_hour WHERE consumer = 'rollup'").execute()
                .chain(rows -> {
                    List<Instant> hours = new ArrayList<>();
                    List<OffsetDateTime> hourValues = new ArrayList<>();
                    List<Long> marks = new ArrayList<>();
                    int beyond = 0;
                    for (Row row : rows) {
                        hourValues.add(row.getOffsetDateTime("hour"));
                        marks.add(row.getLong("mark"));
                        Instant hour = row.getOffsetDateTime("hour").toInstant();
                        if (hour.isBefore(horizon)) {
                            beyond++;
                        } else {
                            hours.add(hour);
                        }
                    }
                    if (hourValues.isEmpty()) {
                        return saveState(c, 0, 0);
                    }
                    int skipped = beyond;
                    Uni<Void> refresh = hours.isEmpty() ? Uni.createFrom().voidItem()
                            : c.query("SET statement_timeout = " + config.storage().statementTimeout().toMillis()).execute()
                                    .chain(() -> dialect.refreshRollups(c, hours))
                                    .eventually(() -> c.query("RESET statement_timeout").execute());
                    return refresh
                            .chain(() -> c.preparedQuery("""
                                    DELETE FROM log_dirty_hour d USING unnest($1::timestamptz[], $2::int8[]) AS s(hour, mark)
                                    WHERE d.consumer = 'rollup' AND d.hour = s.hour AND d.mark = s.mark""")
                                    .execute(Tuple.of(hourValues.toArray(OffsetDateTime[]::new), marks.toArray(Long[]::new))))
                            .chain(() -> saveState(c, hours.size(), skipped));
                }));
    }

    private static Uni<RollupRun> saveState(SqlConnection c, int hours, int beyond) {
        return c.preparedQuery(SAVE_STATE).execute(Tuple.of(JOB, hours))
                .chain(() -> c.preparedQuery("SELECT watermark FROM log_job_state WHERE job = $1").execute(Tuple.of(JOB)))
                .map(rows -> new RollupRun(true, hours, beyond, rows.iterator().next().getOffsetDateTime("watermark").toInstant()));
    }
}
