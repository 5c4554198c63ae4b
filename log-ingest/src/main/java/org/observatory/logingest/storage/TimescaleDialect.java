package org.observatory.logingest.storage;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * TimescaleDB 2.x: {@code log_event} is a hypertable (chunks are created by TimescaleDB), rollups are continuous
 * aggregates with refresh policies (V2__timescaledb.sql). Policies only look a few days back, so hours invalidated
 * by late logs are refreshed here with {@code refresh_continuous_aggregate}, which refuses to run in a
 * transaction block. Not exercised by the test suite (no TimescaleDB on these machines); written against the
 * TimescaleDB 2.28 documentation.
 */
public final class TimescaleDialect implements StorageDialect {

    private static final Map<StorageJob, String> PROCS = Map.of(
            StorageJob.COMPRESSION, "policy_compression", StorageJob.RETENTION, "policy_retention");

    @Override
    public String name() {
        return "timescaledb";
    }

    @Override
    public Optional<String> unavailable(StorageJob job) {
        return job == StorageJob.PARTITIONS
                ? Optional.of("TimescaleDB creates the hypertable's chunks itself")
                : Optional.empty();
    }

    /**
     * Compression and retention are TimescaleDB policy jobs (V2); running one now is {@code CALL run_job(id)}. The
     * retention policy is first aligned with {@code logs.retention.raw-data}, so that the horizon the ingest refuses
     * against is the one TimescaleDB drops at.
     */
    @Override
    public Uni<String> run(SqlConnection c, StorageJob job, List<Instant> months, Instant horizon) {
        Uni<Void> prepare = job != StorageJob.RETENTION ? Uni.createFrom().voidItem()
                : c.preparedQuery("SELECT remove_retention_policy('log_event', if_exists => true)").execute()
                        .chain(() -> c.preparedQuery("SELECT add_retention_policy('log_event', drop_after => $1::interval)")
                                .execute(Tuple.of(Duration.between(horizon, Instant.now()).toSeconds() + " seconds")))
                        .replaceWithVoid();
        return prepare.chain(() -> policyJobId(c, job))
                .chain(id -> id.isEmpty()
                        ? Uni.createFrom().item("no " + PROCS.get(job) + " job on log_event")
                        : c.preparedQuery("CALL run_job($1)").execute(Tuple.of(id.get()))
                                .map(x -> "ran TimescaleDB job " + id.get() + " (" + PROCS.get(job) + ")"));
    }

    @Override
    public Uni<Optional<StorageJobStatus>> databaseStatus(SqlConnection c, StorageJob job) {
        if (!PROCS.containsKey(job)) {
            return Uni.createFrom().item(Optional.empty());
        }
        return c.preparedQuery("""
                        SELECT s.job_id, s.last_run_started_at, s.last_successful_finish, s.last_run_status, s.next_start
                        FROM timescaledb_information.job_stats s JOIN timescaledb_information.jobs j USING (job_id)
                        WHERE j.proc_name = $1 AND j.hypertable_name = 'log_event'""")
                .execute(Tuple.of(PROCS.get(job)))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Optional.<StorageJobStatus>empty();
                    }
                    Row row = rows.iterator().next();
                    return Optional.of(new StorageJobStatus(job.apiName(), job.description(), true,
                            instant(row.getOffsetDateTime("last_run_started_at")),
                            instant(row.getOffsetDateTime("last_successful_finish")),
                            String.valueOf(row.getString("last_run_status")).toLowerCase(),
                            "TimescaleDB job " + row.getInteger("job_id") + ", next start "
                                    + instant(row.getOffsetDateTime("next_start"))));
                });
    }

    private static Uni<Optional<Integer>> policyJobId(SqlConnection c, StorageJob job) {
        return c.preparedQuery("SELECT job_id FROM timescaledb_information.jobs WHERE proc_name = $1 AND hypertable_name = 'log_event'")
                .execute(Tuple.of(PROCS.get(job)))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(rows.iterator().next().getInteger("job_id")) : Optional.empty());
    }

    private static Instant instant(java.time.OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    @Override
    public Uni<Void> refreshRollups(SqlConnection c, List<Instant> hours) {
        Instant from = hours.stream().min(Instant::compareTo).orElseThrow();
        Instant to = hours.stream().max(Instant::compareTo).orElseThrow().plus(1, ChronoUnit.HOURS);
        Instant dayFrom = from.truncatedTo(ChronoUnit.DAYS);
        Instant dayTo = to.truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS);
        Instant monthFrom = dayFrom.atOffset(ZoneOffset.UTC).withDayOfMonth(1).toInstant();
        Instant monthTo = dayTo.atOffset(ZoneOffset.UTC).withDayOfMonth(1).plusMonths(1).toInstant();
        return refresh(c, "log_rollup_hour", from, to)
                .chain(() -> refresh(c, "log_rollup_day", dayFrom, dayTo))
                .chain(() -> refresh(c, "log_rollup_month", monthFrom, monthTo));
    }

    private static Uni<Void> refresh(SqlConnection c, String view, Instant from, Instant to) {
        return c.preparedQuery("CALL refresh_continuous_aggregate($1::regclass, $2::timestamptz, $3::timestamptz)")
                .execute(Tuple.of(view, from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    @Override
    public boolean refreshNeedsAutocommit() {
        return true;
    }
}
