package org.observatory.logingest.stats;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.jboss.logging.Logger;
import org.observatory.common.lock.JobLock;
import org.observatory.logingest.common.LogIngestConfig;

/**
 * Runs the statistics plugins (their SQL: {@link StatsStore}). Each plugin's aggregate is SQL that PostgreSQL runs over one period's stored
 * events, written straight into {@code stats_row} by {@code INSERT ... SELECT}: the events never enter the service,
 * so a period of millions of events costs no heap and no event-loop time. Endpoints page {@code stats_row}.
 *
 * <p>A flush (an epoch-aligned UTC cron, one replica at a time) drains the hours touched by committed ingests
 * ({@code log_dirty_hour}, consumer {@code stats}) in chunks of {@code logs.stats.chunk-hours}: each chunk takes its
 * marks, recomputes every period they touch and commits, so a crash or a stop loses at most the chunk in hand and a
 * restart carries on from the marks left. At start, plugins never built before are marked over their look-back.
 */
@ApplicationScoped
public class StatsEngine {

    private static final Logger LOG = Logger.getLogger(StatsEngine.class);
    static final String JOB = "log-ingest:stats";
    private static final Instant EPOCH = Instant.EPOCH;
    /** What a flush did: whether it ran here, the dirty hours it consumed and the periods it recomputed. */
    public record FlushRun(boolean ran, int hours, int periods) {
        FlushRun plus(FlushRun other) {
            return new FlushRun(ran || other.ran, hours + other.hours, periods + other.periods);
        }
    }

    private final Pool pool;
    private final StatsStore store;
    private final JobLock lock;
    private final List<StatsPlugin> plugins;
    private final LogIngestConfig.Stats config;
    private volatile boolean stopping;

    public StatsEngine(Pool pool, StatsStore store, Instance<StatsPlugin> plugins, LogIngestConfig config) {
        this.pool = pool;
        this.store = store;
        this.lock = new JobLock(pool);
        this.plugins = plugins.stream().sorted(Comparator.comparing(StatsPlugin::name)).toList();
        this.config = config.stats();
    }

    void onStart(@Observes StartupEvent event) {
        try {
            // Cheap (one probe per look-back hour), yet bounded: a start must never hang on the database.
            restart().await().atMost(Duration.ofMinutes(1));
        } catch (RuntimeException e) {
            // The service still serves ingest and rollups; the next start marks what this one could not.
            LOG.errorf(e, "Statistics plugins could not be checked at start");
        }
    }

    /** Stops draining between chunks: a flush in hand ends with its current chunk, the rest stays marked. */
    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    public List<StatsPlugin> plugins() {
        return plugins;
    }

    public Optional<StatsPlugin> plugin(String name) {
        return plugins.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** What a fresh start does: mark plugins never built (or forgotten) for rebuild over their look-back. */
    public Uni<Void> restart() {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (StatsPlugin plugin : plugins) {
            chain = chain.chain(() -> markIfNew(plugin));
        }
        return chain;
    }

    /** Forgets a plugin's stored results; the next {@link #restart()} marks its look-back for rebuild. */
    public Uni<Void> forget(StatsPlugin plugin) {
        return store.forget(plugin);
    }

    private Uni<Void> markIfNew(StatsPlugin plugin) {
        return store.markIfNew(plugin).invoke(isNew -> {
            if (isNew) {
                LOG.infof("Statistics plugin %s is new here: rebuilding its last %s from stored events",
                        plugin.name(), plugin.lookback());
            }
        }).replaceWithVoid();
    }

    @Scheduled(identity = "stats-flush", cron = "{logs.stats.cron}", timeZone = "UTC",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return flush().replaceWithVoid();
    }

    /** Drains the dirty marks chunk by chunk (unless another replica is doing it), until none are left. */
    public Uni<FlushRun> flush() {
        return lock.runExclusively(JOB, this::drain).map(run -> run.orElse(new FlushRun(false, 0, 0)));
    }

    private Uni<FlushRun> drain() {
        return Multi.createBy().repeating().uni(() -> pool.withTransaction(this::chunk))
                .whilst(run -> run.hours() > 0 && !stopping)
                .collect().in(() -> new FlushRun[] {new FlushRun(true, 0, 0)}, (sum, run) -> sum[0] = sum[0].plus(run))
                .map(sum -> sum[0]);
    }

    /** One transaction: take up to chunk-hours marks, recompute every period they touch. */
    private Uni<FlushRun> chunk(SqlConnection c) {
        return store.limitStatements(c, config.statementTimeout())
                .chain(() -> store.takeDirtyHours(c, config.chunkHours()))
                .chain(hours -> {
                    Uni<Integer> chain = Uni.createFrom().item(0);
                    for (StatsPlugin plugin : plugins) {
                        TreeSet<Instant> starts = new TreeSet<>();
                        hours.forEach(hour -> starts.add(align(hour, plugin.period())));
                        for (Instant start : starts) {
                            chain = chain.chain(done -> store.replacePeriod(c, plugin, start, start.plus(plugin.period()),
                                    config.maxRowsPerPeriod()).replaceWith(done + 1));
                        }
                    }
                    return chain.map(periods -> new FlushRun(true, hours.size(), periods));
                });
    }

    /** Start of the epoch-aligned period that holds {@code time}. */
    static Instant align(Instant time, Duration period) {
        long length = period.toSeconds();
        long seconds = time.getEpochSecond() - EPOCH.getEpochSecond();
        return EPOCH.plusSeconds(Math.floorDiv(seconds, length) * length);
    }
}
