package org.observatory.logingest.storage;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.observatory.common.lock.JobLock;
import org.observatory.common.problem.ProblemException;
import org.observatory.logingest.common.LogIngestConfig;
import org.observatory.logingest.rollup.RollupRefresher;

/**
 * The storage jobs (partitions ahead, retention, compression, rollup refresh): scheduled, triggered by operators,
 * one replica at a time per job ({@link JobLock}), each run recorded with its outcome in {@code log_storage_job}.
 * Jobs set their own short {@code lock_timeout}: a job that cannot get a lock quickly fails and tries again on its
 * next run rather than queueing ingests behind it.
 */
@ApplicationScoped
public class StorageJobs {

    private static final Logger LOG = Logger.getLogger(StorageJobs.class);
    private final Pool pool;
    private final StorageJobStore runs;
    private final StorageDialects dialects;
    private final RollupRefresher refresher;
    private final LogIngestConfig config;
    private final JobLock lock;

    public StorageJobs(Pool pool, StorageJobStore runs, StorageDialects dialects, RollupRefresher refresher,
                       LogIngestConfig config) {
        this.pool = pool;
        this.runs = runs;
        this.dialects = dialects;
        this.refresher = refresher;
        this.config = config;
        this.lock = new JobLock(pool);
    }

    /** Partitions for the accepted months exist before the first ingest needs them (unless the jobs are off). */
    void onStart(@Observes StartupEvent event) {
        if (!"off".equals(config.storage().cron())) {
            run(StorageJob.PARTITIONS).subscribe().with(
                    status -> LOG.infof("Partitions at start: %s %s", status.outcome(), status.detail()),
                    failure -> LOG.warnf("Partitions at start failed: %s", failure.getMessage()));
        }
    }

    @Scheduled(identity = "storage-jobs", cron = "{logs.storage.cron}", timeZone = "UTC",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return run(StorageJob.PARTITIONS).chain(() -> run(StorageJob.RETENTION)).replaceWithVoid();
    }

    /** The months an ingest may accept (retention horizon to the future tolerance), plus some ahead. */
    List<Instant> acceptedMonths() {
        Instant now = Instant.now();
        OffsetDateTime first = now.minus(config.retention().rawData()).atOffset(ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
        OffsetDateTime last = now.plus(config.ingest().futureTolerance()).atOffset(ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1).plusMonths(config.storage().monthsAhead());
        List<Instant> months = new ArrayList<>();
        for (OffsetDateTime m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            months.add(m.toInstant());
        }
        return months;
    }

    /** Every job with its last run and outcome. */
    public Uni<List<StorageJobStatus>> list() {
        return dialects.current().chain(dialect -> pool.withConnection(c -> {
            Uni<List<StorageJobStatus>> chain = Uni.createFrom().item(new ArrayList<>());
            for (StorageJob job : StorageJob.values()) {
                chain = chain.chain(all -> status(c, dialect, job).map(s -> {
                    all.add(s);
                    return all;
                }));
            }
            return chain;
        }));
    }

    private Uni<StorageJobStatus> status(SqlConnection c, StorageDialect dialect, StorageJob job) {
        Optional<String> unavailable = dialect.unavailable(job);
        if (unavailable.isPresent()) {
            return Uni.createFrom().item(new StorageJobStatus(job.apiName(), job.description(), false, null, null,
                    "unavailable", unavailable.get()));
        }
        return dialect.databaseStatus(c, job).chain(database -> database.isPresent()
                ? Uni.createFrom().item(database.get())
                : runs.lastRun(c, job).map(last -> last.orElseGet(() ->
                        new StorageJobStatus(job.apiName(), job.description(), true, null, null, "never run", ""))));
    }

    /**
     * Runs a job now and answers its status after the run (outcome {@code skipped} when another replica runs it).
     *
     * @throws ProblemException 409 when the storage dialect has no such job
     */
    public Uni<StorageJobStatus> run(StorageJob job) {
        return dialects.current().chain(dialect -> {
            Optional<String> unavailable = dialect.unavailable(job);
            if (unavailable.isPresent()) {
                return Uni.createFrom().failure(ProblemException.conflict(job.apiName() + ": " + unavailable.get()));
            }
            Uni<Optional<String>> work = job == StorageJob.ROLLUP_REFRESH
                    ? refresher.refresh().map(r -> r.ran()
                            ? Optional.of(r.hours() + " hours recomputed, " + r.hoursBeyondRetention()
                                    + " hours older than the retention horizon left as they were; watermark " + r.watermark())
                            : Optional.<String>empty())
                    : lock.runExclusively("log-ingest:storage:" + job.apiName(), () -> runLocked(dialect, job));
            return record(job, work);
        });
    }

    private Uni<String> runLocked(StorageDialect dialect, StorageJob job) {
        Instant horizon = Instant.now().minus(config.retention().rawData());
        return pool.withConnection(c -> c.query("SET lock_timeout = " + config.storage().lockTimeout().toMillis()).execute()
                .chain(() -> c.query("SET statement_timeout = " + config.storage().statementTimeout().toMillis()).execute())
                .chain(() -> dialect.run(c, job, acceptedMonths(), horizon))
                // Back to the service's session defaults before the connection returns to the pool.
                .eventually(() -> c.query("RESET lock_timeout").execute()
                        .chain(() -> c.query("RESET statement_timeout").execute())));
    }

    /** Records the start, the run's outcome and detail; a failure is recorded and then answered. */
    private Uni<StorageJobStatus> record(StorageJob job, Uni<Optional<String>> work) {
        return runs.started(job)
                .chain(() -> work)
                .onItemOrFailure().transformToUni((done, failure) -> {
                    String outcome = failure != null ? "failed" : done.isPresent() ? "succeeded" : "skipped";
                    String detail = failure != null ? String.valueOf(failure.getMessage())
                            : done.orElse("another replica was running it");
                    if (failure != null) {
                        LOG.warnf("Storage job %s failed: %s", job.apiName(), detail);
                    }
                    return runs.finished(job, outcome, detail);
                })
                .chain(() -> dialects.current())
                .chain(dialect -> pool.withConnection(c -> status(c, dialect, job)));
    }
}
