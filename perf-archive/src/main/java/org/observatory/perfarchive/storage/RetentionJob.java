package org.observatory.perfarchive.storage;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.observatory.common.lock.JobLock;
import org.observatory.perfarchive.pscheduler.RunDocumentRetention;

/** Applies retention per event type, on one replica at a time. */
@ApplicationScoped
public class RetentionJob {

    private static final Logger LOG = Logger.getLogger(RetentionJob.class);

    private final Pool pool;
    private final Storage storage;
    private final RetentionPolicy policy;
    private final RunDocumentRetention runDocuments;
    private final JobLock lock;

    public RetentionJob(Pool pool, Storage storage, RetentionPolicy policy, RunDocumentRetention runDocuments) {
        this.pool = pool;
        this.storage = storage;
        this.policy = policy;
        this.runDocuments = runDocuments;
        this.lock = new JobLock(pool);
    }

    @Scheduled(cron = "{perf.retention.cron}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return run().invoke(dropped -> dropped.ifPresent(d -> LOG.infof("Retention dropped %s", d)))
                .onFailure().invoke(e -> LOG.error("Retention failed", e))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Runs retention now; empty if another replica is running it. */
    public Uni<Optional<List<String>>> run() {
        return lock.runExclusively("perf-archive-retention", this::apply);
    }

    /** Values first (partitions), then the pScheduler run documents they came with, by the same policy. */
    private Uni<List<String>> apply() {
        return applyToValues().chain(dropped -> runDocuments.apply().map(deleted -> {
            if (deleted == 0) {
                return dropped;
            }
            List<String> result = new ArrayList<>(dropped);
            result.add("ps_pscheduler_run: " + deleted + " documents");
            return result;
        }));
    }

    private Uni<List<String>> applyToValues() {
        Instant now = Instant.now();
        return pool.query("SELECT DISTINCT event_type FROM ps_series").execute()
                .chain(rows -> storage.dialect().chain(dialect -> {
                    List<String> eventTypes = new ArrayList<>();
                    rows.forEach(r -> eventTypes.add(r.getString("event_type")));
                    Multi<List<String>> perType = Multi.createFrom().iterable(eventTypes)
                            .onItem().transformToUniAndConcatenate(eventType -> policy.horizon(eventType, now)
                                    .map(horizon -> dialect.dropBefore(eventType, horizon))
                                    .orElse(Uni.createFrom().item(List.of())));
                    Uni<List<String>> all = policy.defaultDays() > 0 && policy.configured().values().stream().allMatch(d -> d > 0)
                            ? dialect.dropAllBefore(now.minus(java.time.Duration.ofDays(
                                    Math.max(policy.defaultDays(), policy.configured().values().stream().mapToInt(i -> i).max().orElse(0)))))
                            : Uni.createFrom().item(List.of());
                    return perType.collect().in(ArrayList<String>::new, List::addAll)
                            .chain(dropped -> all.map(more -> {
                                List<String> result = new ArrayList<>(dropped);
                                result.addAll(more);
                                return result;
                            }));
                }));
    }
}
