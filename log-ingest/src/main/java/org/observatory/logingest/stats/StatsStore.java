package org.observatory.logingest.stats;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code stats_row}, {@code stats_plugin} and the {@code stats} marks of {@code log_dirty_hour}. A plugin's
 * aggregate runs inside PostgreSQL ({@code INSERT ... SELECT}): the events never enter the service.
 */
@ApplicationScoped
public class StatsStore {

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

    /** One page of a plugin's rows, and how many rows the range holds. */
    public record RowPage(long total, List<StatsRow> rows) {
    }

    private final Pool pool;

    public StatsStore(Pool pool) {
        this.pool = pool;
    }

    /** Forgets a plugin's rows and that it was ever built. */
    public Uni<Void> forget(StatsPlugin plugin) {
        return pool.withTransaction(c -> c.preparedQuery("DELETE FROM stats_row WHERE plugin = $1").execute(Tuple.of(plugin.name()))
                        .chain(() -> c.preparedQuery("DELETE FROM stats_plugin WHERE name = $1").execute(Tuple.of(plugin.name()))))
                .replaceWithVoid();
    }

    /** Records the plugin as built and, when it was not before, marks its look-back for rebuild; true when it was new. */
    public Uni<Boolean> markIfNew(StatsPlugin plugin) {
        return pool.withTransaction(c -> c.preparedQuery(
                        "INSERT INTO stats_plugin (name, built_at) VALUES ($1, now()) ON CONFLICT DO NOTHING RETURNING name")
                .execute(Tuple.of(plugin.name()))
                .chain(rows -> rows.size() == 0
                        ? Uni.createFrom().item(false)
                        : c.preparedQuery(MARK_LOOKBACK).execute(Tuple.of((double) plugin.lookback().toSeconds()))
                                .replaceWith(true)));
    }

    /** Bounds every statement of the connection's transaction. */
    public Uni<Void> limitStatements(SqlConnection c, Duration timeout) {
        return c.preparedQuery("SELECT set_config('statement_timeout', $1, true)")
                .execute(Tuple.of(String.valueOf(timeout.toMillis()))).replaceWithVoid();
    }

    /** Takes (deletes and answers) up to {@code limit} of the oldest dirty hours, oldest first. */
    public Uni<List<Instant>> takeDirtyHours(SqlConnection c, int limit) {
        return c.preparedQuery(TAKE_DIRTY).execute(Tuple.of(limit)).map(rows -> {
            List<Instant> hours = new ArrayList<>();
            for (Row row : rows) {
                hours.add(row.getOffsetDateTime("hour").toInstant());
            }
            return hours;
        });
    }

    /** Replaces a period's rows by the plugin's aggregate, at most {@code maxRows} of them. */
    public Uni<Void> replacePeriod(SqlConnection c, StatsPlugin plugin, Instant start, Instant stop, int maxRows) {
        return c.preparedQuery(DELETE_PERIOD).execute(Tuple.of(plugin.name(), start.atOffset(ZoneOffset.UTC)))
                .chain(() -> c.preparedQuery(INSERT_PERIOD.formatted(plugin.aggregateSql()))
                        .execute(Tuple.of(start.atOffset(ZoneOffset.UTC), stop.atOffset(ZoneOffset.UTC), plugin.name(), maxRows)))
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
}
