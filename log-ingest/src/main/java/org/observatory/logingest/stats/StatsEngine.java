package org.observatory.logingest.stats;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.jboss.logging.Logger;
import org.observatory.common.lock.JobLock;
import org.observatory.logingest.common.LogIngestConfig;

/**
 * Runs the statistics plugins. Each plugin's aggregate is SQL that PostgreSQL runs over one period's stored
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
    private static final String TAKE_DIRTY = """
            WITH taken AS (
                DELETE FROM log_dirty_hour WHERE consumer = 'stats' AND hour IN (
                    SELECT hour FROM log_dirty_hour WHERE consumer = 'stats' ORDER BY hour LIMIT $1)
                RETURNING hour)
            SELECT hour FROM taken ORDER BY hour""";
    // Probes each hour of the look-back through the primary key instead of reading its events.
    private static final String MARK_LOOKBACK = """
            INSERT INTO log_dirty_hour (consumer, hour)
            SELECT 'stats', h FROM generate_series(
                date_bin('1 hour', now() - make_interval(secs => $1), TIMESTAMPTZ '2000-01-01 00:00:00+00'),
                now(), INTERVAL '1 hour') AS h
            WHERE EXISTS (SELECT 1 FROM log_event WHERE log_time >= h AND log_time < h + INTERVAL '1 hour')
            ON CONFLICT (consumer, hour) DO UPDATE SET mark = excluded.mark""";
    private static final String DELETE_PERIOD = "DELETE FROM stats_row WHERE plugin = $1 AND period_start = $2";
    private static final String INSERT_PERIOD = """
            INSERT INTO stats_row (plugin, period_start, period_stop, rank, cells)
            SELECT $3, $1, $2, q.position, to_jsonb(q) - 'position' FROM (%s) AS q
            WHERE q.position <= $4""";
    private static final String COUNT_ROWS = """
            SELECT count(*) AS total FROM stats_row WHERE plugin = $1 AND period_start >= $2 AND period_start < $3""";
    private static final String PAGE_ROWS = """
            SELECT period_start, period_stop, rank, cells::text AS cells FROM stats_row
            WHERE plugin = $1 AND period_start >= $2 AND period_start < $3
            ORDER BY period_start, rank LIMIT $4 OFFSET $5""";

    /** What a flush did: whether it ran here, the dirty hours it consumed and the periods it recomputed. */
    public record FlushRun(boolean ran, int hours, int periods) {
        FlushRun plus(FlushRun other) {
            return new FlushRun(ran || other.ran, hours + other.hours, periods + other.periods);
        }
    }

    /** One page of a plugin's rows, and how many rows the range holds. */
    public record RowPage(long total, List<StatsRow> rows) {
    }

    private final Pool pool;
    private final JobLock lock;
    private final List<StatsPlugin> plugins;
    private final LogIngestConfig.Stats config;
    private volatile boolean stopping;

    public StatsEngine(Pool pool, Instance<StatsPlugin> plugins, LogIngestConfig config) {
        this.pool = pool;
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
        return pool.withTransaction(c -> c.preparedQuery("DELETE FROM stats_row WHERE plugin = $1").execute(Tuple.of(plugin.name()))
                        .chain(() -> c.preparedQuery("DELETE FROM stats_plugin WHERE name = $1").execute(Tuple.of(plugin.name()))))
                .replaceWithVoid();
    }

    private Uni<Void> markIfNew(StatsPlugin plugin) {
        return pool.withTransaction(c -> c.preparedQuery(
                        "INSERT INTO stats_plugin (name, built_at) VALUES ($1, now()) ON CONFLICT DO NOTHING RETURNING name")
                .execute(Tuple.of(plugin.name()))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().voidItem();
                    }
                    LOG.infof("Statistics plugin %s is new here: rebuilding its last %s from stored events",
                            plugin.name(), plugin.lookback());
                    return c.preparedQuery(MARK_LOOKBACK).execute(Tuple.of((double) plugin.lookback().toSeconds()))
                            .replaceWithVoid();
                }));
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
        return c.preparedQuery("SELECT set_config('statement_timeout', $1, true)")
                .execute(Tuple.of(String.valueOf(config.statementTimeout().toMillis())))
                .chain(() -> c.preparedQuery(TAKE_DIRTY).execute(Tuple.of(config.chunkHours())))
                .chain(rows -> {
                    List<Instant> hours = new ArrayList<>();
                    for (Row row : rows) {
                        hours.add(row.getOffsetDateTime("hour").toInstant());
                    }
                    Uni<Integer> chain = Uni.createFrom().item(0);
                    for (StatsPlugin plugin : plugins) {
                        TreeSet<Instant> starts = new TreeSet<>();
                        hours.forEach(hour -> starts.add(align(hour, plugin.period())));
                        for (Instant start : starts) {
                            chain = chain.chain(done -> computePeriod(c, plugin, start).replaceWith(done + 1));
                        }
                    }
                    return chain.map(periods -> new FlushRun(true, hours.size(), periods));
                });
    }

    /** Replaces a period's rows by the plugin's aggregate, computed and written by PostgreSQL. */
    private Uni<Void> computePeriod(SqlConnection c, StatsPlugin plugin, Instant start) {
        Instant stop = start.plus(plugin.period());
        return c.preparedQuery(DELETE_PERIOD).execute(Tuple.of(plugin.name(), start.atOffset(ZoneOffset.UTC)))
                .chain(() -> c.preparedQuery(INSERT_PERIOD.formatted(plugin.aggregateSql()))
                        .execute(Tuple.of(start.atOffset(ZoneOffset.UTC), stop.atOffset(ZoneOffset.UTC), plugin.name(),
                                config.maxRowsPerPeriod())))
                .replaceWithVoid();
    }

    /** A page of a plugin's rows whose period starts in [from, to), in time then rank order. */
    public Uni<RowPage> rows(StatsPlugin plugin, Instant from, Instant to, int limit, long offset) {
        Tuple range = Tuple.of(plugin.name(), from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC));
        return pool.preparedQuery(COUNT_ROWS).execute(range)
                .map(rows -> rows.iterator().next().getLong("total"))
                .chain(total -> total <= offset
                        ? Uni.createFrom().item(new RowPage(total, List.of()))
                        : pool.preparedQuery(PAGE_ROWS).execute(Tuple.of(plugin.name(), from.atOffset(ZoneOffset.UTC),
                                        to.atOffset(ZoneOffset.UTC), limit, offset))
                                .map(rows -> {
                                    List<StatsRow> page = new ArrayList<>(rows.size());
                                    for (Row row : rows) {
                                        JsonObject cells = new JsonObject(row.getString("cells"));
                                        page.add(new StatsRow(row.getOffsetDateTime("period_start").toInstant(),
                                                row.getOffsetDateTime("period_stop").toInstant(), row.getInteger("rank"),
                                                plugin.columns().stream().map(cells::getValue).toList()));
                                    }
                                    return new RowPage(total, page);
                                }));
    }

    /** Start of the epoch-aligned period that holds {@code time}. */
    static Instant align(Instant time, Duration period) {
        long length = period.toSeconds();
        long seconds = time.getEpochSecond() - EPOCH.getEpochSecond();
        return EPOCH.plusSeconds(Math.floorDiv(seconds, length) * length);
    }
}
