package org.observatory.logingest.stats;

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
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jboss.logging.Logger;
import org.observatory.common.lock.JobLock;

/**
 * Runs the statistics plugins. Results live in memory (served from there) and in {@code stats_row}. On each
 * flush (an epoch-aligned UTC cron) the periods touched by committed ingests ({@code log_dirty_hour}, consumer
 * {@code stats}) are recomputed from the stored events, each event fed to every plugin of that period length,
 * and written in one transaction with the removal of the dirty marks, on one replica at a time. At start the
 * cache is loaded from the table, and plugins never built before are rebuilt over their look-back: a restart
 * therefore misses nothing (the dirty marks are durable) and a new plugin starts with history.
 */
@ApplicationScoped
public class StatsEngine {

    private static final Logger LOG = Logger.getLogger(StatsEngine.class);
    static final String JOB = "log-ingest:stats";
    private static final Instant EPOCH = Instant.EPOCH;
    private static final String TAKE_DIRTY = """
            WITH taken AS (DELETE FROM log_dirty_hour WHERE consumer = 'stats' RETURNING hour)
            SELECT hour FROM taken ORDER BY hour""";
    private static final String EVENTS = """
            SELECT log_time, network, station, location, channel, bytes, packets, protocol, agent, client_hash, country
            FROM log_event WHERE log_time >= $1 AND log_time < $2""";
    private static final String MARK_LOOKBACK = """
            INSERT INTO log_dirty_hour (consumer, hour)
            SELECT DISTINCT 'stats', date_bin('1 hour', log_time, TIMESTAMPTZ '2000-01-01 00:00:00+00')
            FROM log_event WHERE log_time >= now() - make_interval(secs => $1)
            ON CONFLICT (consumer, hour) DO UPDATE SET mark = excluded.mark""";
    private static final String INSERT_ROWS = """
            INSERT INTO stats_row (plugin, period_start, period_stop, rank, cells)
            SELECT $1, $2, $3, r, c::jsonb FROM unnest($4::int4[], $5::text[]) AS u(r, c)""";

    /** What a flush did. */
    public record FlushRun(boolean ran, int hours, int periods) {
    }

    private final Pool pool;
    private final JobLock lock;
    private final List<StatsPlugin> plugins;
    private final Map<String, ConcurrentSkipListMap<Instant, List<StatsRow>>> cache = new ConcurrentHashMap<>();
    private volatile OffsetDateTime lastSeen = EPOCH.atOffset(ZoneOffset.UTC);

    public StatsEngine(Pool pool, Instance<StatsPlugin> plugins) {
        this.pool = pool;
        this.lock = new JobLock(pool);
        this.plugins = plugins.stream().sorted(Comparator.comparing(StatsPlugin::name)).toList();
    }

    void onStart(@Observes StartupEvent event) {
        try {
            restart().await().atMost(Duration.ofMinutes(10));
        } catch (RuntimeException e) {
            // The service still serves ingest and rollups; the next flush retries the rebuild marks it can.
            LOG.errorf(e, "Statistics could not be restored at start");
        }
    }

    public List<StatsPlugin> plugins() {
        return plugins;
    }

    public Optional<StatsPlugin> plugin(String name) {
        return plugins.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** What a fresh start does: forget the memory, mark plugins never built for rebuild, load stored results. */
    public Uni<Void> restart() {
        cache.clear();
        lastSeen = EPOCH.atOffset(ZoneOffset.UTC);
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (StatsPlugin plugin : plugins) {
            chain = chain.chain(() -> markIfNew(plugin));
        }
        return chain.chain(this::reload);
    }

    /** Forgets a plugin's stored results and rebuilds them over its look-back on the next flush. */
    public Uni<Void> forget(StatsPlugin plugin) {
        return pool.withTransaction(c -> c.preparedQuery("DELETE FROM stats_row WHERE plugin = $1").execute(Tuple.of(plugin.name()))
                        .chain(() -> c.preparedQuery("DELETE FROM stats_plugin WHERE name = $1").execute(Tuple.of(plugin.name()))))
                .invoke(() -> cache.remove(plugin.name()))
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

    /** Recomputes the dirty periods (unless another replica is doing it), then refreshes the memory. */
    public Uni<FlushRun> flush() {
        return lock.runExclusively(JOB, () -> pool.withTransaction(this::recompute))
                .map(run -> run.orElse(new FlushRun(false, 0, 0)))
                .call(this::reload);
    }

    private Uni<FlushRun> recompute(SqlConnection c) {
        return c.query(TAKE_DIRTY).execute().chain(rows -> {
            List<Instant> hours = new ArrayList<>();
            for (Row row : rows) {
                hours.add(row.getOffsetDateTime(0).toInstant());
            }
            Map<Duration, TreeSet<Instant>> periods = new TreeMap<>();
            for (StatsPlugin plugin : plugins) {
                for (Instant hour : hours) {
                    periods.computeIfAbsent(plugin.period(), d -> new TreeSet<>()).add(align(hour, plugin.period()));
                }
            }
            Uni<Integer> chain = Uni.createFrom().item(0);
            for (Map.Entry<Duration, TreeSet<Instant>> entry : periods.entrySet()) {
                List<StatsPlugin> same = plugins.stream().filter(p -> p.period().equals(entry.getKey())).toList();
                for (Instant start : entry.getValue()) {
                    chain = chain.chain(done -> computePeriod(c, same, start, start.plus(entry.getKey())).replaceWith(done + 1));
                }
            }
            return chain.map(done -> new FlushRun(true, hours.size(), done));
        });
    }

    private Uni<Void> computePeriod(SqlConnection c, List<StatsPlugin> same, Instant start, Instant stop) {
        Map<StatsPlugin, StatsPlugin.Aggregate> aggregates = new LinkedHashMap<>();
        same.forEach(p -> aggregates.put(p, p.newAggregate()));
        Tuple range = Tuple.of(start.atOffset(ZoneOffset.UTC), stop.atOffset(ZoneOffset.UTC));
        Uni<Void> fed = c.prepare(EVENTS).chain(statement -> {
            Multi<Row> events = statement.createStream(2_000, range).toMulti();
            return events.onItem().invoke(row -> {
                StatsEvent event = event(row);
                aggregates.values().forEach(a -> a.accept(event));
            }).collect().last().replaceWithVoid().eventually(statement::close);
        });
        return fed.chain(() -> {
            Uni<Void> writes = Uni.createFrom().voidItem();
            for (Map.Entry<StatsPlugin, StatsPlugin.Aggregate> entry : aggregates.entrySet()) {
                writes = writes.chain(() -> write(c, entry.getKey(), start, stop, entry.getValue().rows()));
            }
            return writes;
        });
    }

    private static StatsEvent event(Row row) {
        return new StatsEvent(row.getOffsetDateTime(0).toInstant(), row.getString(1), row.getString(2),
                row.getString(3), row.getString(4), row.getLong(5), row.getLong(6), row.getString(7),
                row.getString(8), row.getString(9), row.getString(10));
    }

    private Uni<Void> write(SqlConnection c, StatsPlugin plugin, Instant start, Instant stop, List<List<Object>> rows) {
        Uni<?> deleted = c.preparedQuery("DELETE FROM stats_row WHERE plugin = $1 AND period_start = $2")
                .execute(Tuple.of(plugin.name(), start.atOffset(ZoneOffset.UTC)));
        if (rows.isEmpty()) {
            return deleted.replaceWithVoid();
        }
        Integer[] ranks = new Integer[rows.size()];
        String[] cells = new String[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            ranks[i] = i + 1;
            JsonObject json = new JsonObject();
            for (int col = 0; col < plugin.columns().size(); col++) {
                json.put(plugin.columns().get(col), rows.get(i).get(col));
            }
            cells[i] = json.encode();
        }
        return deleted.chain(() -> c.preparedQuery(INSERT_ROWS).execute(Tuple.from(List.of(plugin.name(),
                start.atOffset(ZoneOffset.UTC), stop.atOffset(ZoneOffset.UTC), ranks, cells)))).replaceWithVoid();
    }

    /** Loads rows changed since the last load (by this or another replica) into memory. */
    Uni<Void> reload() {
        return pool.preparedQuery("""
                        SELECT plugin, period_start, period_stop, rank, cells::text, computed_at FROM stats_row
                        WHERE computed_at > $1 ORDER BY plugin, period_start, rank""")
                .execute(Tuple.of(lastSeen))
                .invoke(rows -> {
                    Map<String, Map<Instant, List<StatsRow>>> changed = new LinkedHashMap<>();
                    OffsetDateTime newest = lastSeen;
                    for (Row row : rows) {
                        Optional<StatsPlugin> plugin = plugin(row.getString(0));
                        if (plugin.isEmpty()) {
                            continue;
                        }
                        JsonObject cells = new JsonObject(row.getString(4));
                        List<Object> values = plugin.get().columns().stream().map(cells::getValue).toList();
                        Instant start = row.getOffsetDateTime(1).toInstant();
                        changed.computeIfAbsent(plugin.get().name(), k -> new TreeMap<>())
                                .computeIfAbsent(start, k -> new ArrayList<>())
                                .add(new StatsRow(start, row.getOffsetDateTime(2).toInstant(), row.getInteger(3), values));
                        if (row.getOffsetDateTime(5).isAfter(newest)) {
                            newest = row.getOffsetDateTime(5);
                        }
                    }
                    changed.forEach((name, periods) -> cache.computeIfAbsent(name, k -> new ConcurrentSkipListMap<>())
                            .putAll(periods));
                    lastSeen = newest;
                })
                .replaceWithVoid();
    }

    /** Rows of a plugin whose period starts in [from, to), in time then rank order. */
    public List<StatsRow> rows(StatsPlugin plugin, Instant from, Instant to) {
        NavigableMap<Instant, List<StatsRow>> periods = cache.getOrDefault(plugin.name(), new ConcurrentSkipListMap<>());
        List<StatsRow> out = new ArrayList<>();
        periods.subMap(from, true, to, false).values().forEach(out::addAll);
        return out;
    }

    /** Start of the epoch-aligned period that holds {@code time}. */
    static Instant align(Instant time, Duration period) {
        long length = period.toSeconds();
        long seconds = time.getEpochSecond() - EPOCH.getEpochSecond();
        return EPOCH.plusSeconds(Math.floorDiv(seconds, length) * length);
    }
}
