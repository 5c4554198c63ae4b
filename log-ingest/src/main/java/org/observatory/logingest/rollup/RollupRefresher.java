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
import java.util.ArrayList;
import java.util.List;
import org.observatory.common.lock.JobLock;
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

    /** What a refresh did: hours recomputed, or that another replica held the job. */
    public record RollupRun(boolean ran, int hours, Instant watermark) {
    }

    private final Pool pool;
    private final StorageDialects dialects;
    private final JobLock lock;

    public RollupRefresher(Pool pool, StorageDialects dialects) {
        this.pool = pool;
        this.dialects = dialects;
        this.lock = new JobLock(pool);
    }

    @Scheduled(identity = "rollup-refresh", cron = "{logs.rollup.cron}", timeZone = "UTC",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return refresh().replaceWithVoid();
    }

    /** Runs a refresh now, unless another replica is running one. */
    public Uni<RollupRun> refresh() {
        return lock.runExclusively(JOB, () -> dialects.current().chain(this::refreshWith))
                .map(run -> run.orElse(new RollupRun(false, 0, null)));
    }

    private Uni<RollupRun> refreshWith(StorageDialect dialect) {
        if (dialect.refreshNeedsAutocommit()) {
            return refreshOutsideTransaction(dialect);
        }
        return pool.withTransaction(c -> c.query(TAKE_DIRTY).execute()
                .map(rows -> {
                    List<Instant> hours = new ArrayList<>();
                    for (Row row : rows) {
                        hours.add(row.getOffsetDateTime(0).toInstant());
                    }
                    return hours;
                })
                .chain(hours -> (hours.isEmpty() ? Uni.createFrom().voidItem() : dialect.refreshRollups(c, hours))
                        .chain(() -> saveState(c, hours.size()))));
    }

    /** TimescaleDB refreshes outside a transaction: read the marks, refresh, then delete only the marks seen. */
    private Uni<RollupRun> refreshOutsideTransaction(StorageDialect dialect) {
        return pool.withConnection(c -> c.query("SELECT hour, mark FROM log_dirty_hour WHERE consumer = 'rollup'").execute()
                .chain(rows -> {
                    List<Instant> hours = new ArrayList<>();
                    List<OffsetDateTime> hourValues = new ArrayList<>();
                    List<Long> marks = new ArrayList<>();
                    for (Row row : rows) {
                        hours.add(row.getOffsetDateTime(0).toInstant());
                        hourValues.add(row.getOffsetDateTime(0));
                        marks.add(row.getLong(1));
                    }
                    if (hours.isEmpty()) {
                        return saveState(c, 0);
                    }
                    return dialect.refreshRollups(c, hours)
                            .chain(() -> c.preparedQuery("""
                                    DELETE FROM log_dirty_hour d USING unnest($1::timestamptz[], $2::int8[]) AS s(hour, mark)
                                    WHERE d.consumer = 'rollup' AND d.hour = s.hour AND d.mark = s.mark""")
                                    .execute(Tuple.of(hourValues.toArray(OffsetDateTime[]::new), marks.toArray(Long[]::new))))
                            .chain(() -> saveState(c, hours.size()));
                }));
    }

    private static Uni<RollupRun> saveState(SqlConnection c, int hours) {
        return c.preparedQuery(SAVE_STATE).execute(Tuple.of(JOB, hours))
                .chain(() -> c.preparedQuery("SELECT watermark FROM log_job_state WHERE job = $1").execute(Tuple.of(JOB)))
                .map(rows -> new RollupRun(true, hours, rows.iterator().next().getOffsetDateTime(0).toInstant()));
    }
}
