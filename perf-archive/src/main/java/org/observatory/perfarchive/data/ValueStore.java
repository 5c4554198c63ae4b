package org.observatory.perfarchive.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.observatory.common.db.PgErrors;
import org.observatory.perfarchive.summary.HistogramText;
import org.observatory.perfarchive.summary.SummaryDelta;

/** Points and summary buckets in ps_value: batched statements over unnest(), one round trip per kind. */
@ApplicationScoped
public class ValueStore {

    private final Pool pool;
    private final ObjectMapper mapper;

    public ValueStore(Pool pool, ObjectMapper mapper) {
        this.pool = pool;
        this.mapper = mapper;
    }

    /** A stored point or bucket, read back: ts in seconds and the columns of its kind. */
    public record StoredRow(long ts, Long integer, Double real, Long count, Long numerator, Long denominator,
                            String json, String stats) {
    }

    /** Key of a point in a series. */
    public record SeriesTs(long seriesId, long ts) {
    }

    /**
     * Inserts integer, float and percentage points. A point stored already (or twice in the request) fails the
     * statement with a unique violation, see {@link PgErrors#isUniqueViolation}: esmond answers 409 and the caller rolls
     * back. A plain INSERT costs PostgreSQL half of what ON CONFLICT DO NOTHING with RETURNING does.
     */
    public Uni<Void> insertImmutable(SqlClient tx, List<Long> series, List<Point> points) {
        int n = points.size();
        Long[] s = series.toArray(new Long[0]);
        String[] e = new String[n];
        Long[] t = new Long[n];
        Long[] i = new Long[n];
        Double[] f = new Double[n];
        Long[] num = new Long[n];
        Long[] den = new Long[n];
        for (int k = 0; k < n; k++) {
            Point p = points.get(k);
            e[k] = p.eventType();
            t[k] = p.ts();
            i[k] = p.value().integer();
            f[k] = p.value().real();
            num[k] = p.value().numerator();
            den[k] = p.value().denominator();
        }
        return tx.preparedQuery("""
                        INSERT INTO ps_value (series_id, event_type, ts, v_int, v_float, v_num, v_den)
                        SELECT s, e, to_timestamp(t), i, f, n, d
                        FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::bigint[], $5::float8[], $6::bigint[], $7::bigint[])
                             AS u(s, e, t, i, f, n, d)""")
                .execute(Tuple.from(new Object[]{s, e, t, i, f, num, den}))
                .replaceWithVoid();
    }

    /** The position of the first of these points (series, ts) that is stored, if any. */
    public Uni<OptionalInt> firstStored(SqlClient client, List<Long> series, List<Point> points) {
        return client.preparedQuery("""
                        SELECT min(u.i) AS first FROM unnest($1::bigint[], $2::text[], $3::bigint[]) WITH ORDINALITY AS u(s, e, t, i)
                        JOIN ps_value v ON v.series_id = u.s AND v.ts = to_timestamp(u.t) AND v.event_type = u.e""")
                .execute(Tuple.of(series.toArray(new Long[0]), points.stream().map(Point::eventType).toArray(String[]::new),
                        points.stream().map(Point::ts).toArray(Long[]::new)))
                .map(rows -> {
                    Long first = rows.iterator().next().getLong("first");
                    return first == null ? OptionalInt.empty() : OptionalInt.of(first.intValue() - 1);
                });
    }

    /**
     * Inserts new rows of JSON columns: histogram, subinterval and json points and window-0 statistics. A row
     * stored already fails the statement with a unique violation; the caller then rolls back and replaces with
     * {@link #upsertJson}, which costs PostgreSQL more on every row.
     */
    public Uni<Void> insertJson(SqlClient tx, List<JsonRow> rows) {
        return json(tx, rows, """
                INSERT INTO ps_value (series_id, event_type, ts, v_json, v_stats)
                SELECT s, e, to_timestamp(t), j::jsonb, st::jsonb
                FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::text[], $5::text[]) AS u(s, e, t, j, st)""");
    }

    /**
     * Inserts or replaces rows of JSON columns: re-sent histogram, subinterval and json points (esmond overwrites
     * these), window-0 statistics and merged histogram summary buckets. A null column keeps what is stored.
     */
    public Uni<Void> upsertJson(SqlClient tx, List<JsonRow> rows) {
        return json(tx, rows, """
                INSERT INTO ps_value AS v (series_id, event_type, ts, v_json, v_stats)
                SELECT s, e, to_timestamp(t), j::jsonb, st::jsonb
                FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::text[], $5::text[]) AS u(s, e, t, j, st)
                ON CONFLICT (series_id, ts, event_type) DO UPDATE SET
                    v_json = COALESCE(EXCLUDED.v_json, v.v_json), v_stats = COALESCE(EXCLUDED.v_stats, v.v_stats)""");
    }

    private static Uni<Void> json(SqlClient tx, List<JsonRow> rows, String sql) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = rows.size();
        Long[] s = new Long[n];
        String[] e = new String[n];
        Long[] t = new Long[n];
        String[] j = new String[n];
        String[] st = new String[n];
        for (int k = 0; k < n; k++) {
            JsonRow r = rows.get(k);
            s[k] = r.seriesId();
            e[k] = r.eventType();
            t[k] = r.ts();
            j[k] = r.json();
            st[k] = r.statistics();
        }
        return tx.preparedQuery(sql).execute(Tuple.of(s, e, t, j, st)).replaceWithVoid();
    }

    /** A row of JSON columns: a point, a window-0 statistics or a histogram summary bucket; null keeps a column. */
    public record JsonRow(long seriesId, String eventType, long ts, String json, String statistics) {
    }

    /**
     * Locks the series {@code lock} (ordered, so two writers cannot deadlock), then reads the stored histograms at
     * the given (series, ts): the points these replace and the summary buckets they change. Under the lock two
     * writers of the same point or bucket cannot both miss each other and count it twice in a summary.
     */
    public Uni<Map<SeriesTs, Map<String, Long>>> lockAndReadHistograms(SqlClient tx, Collection<Long> lock, List<Long> series,
                                                                     List<Long> ts, Set<String> eventTypes) {
        // Sent together (one round trip): the connection runs them in order, and the read's snapshot is taken when
        // it starts, after the lock statement has finished. One statement could not do both: its snapshot would
        // predate the lock it waited for.
        Uni<Void> locked = tx.preparedQuery("SELECT pg_advisory_xact_lock(s) FROM (SELECT DISTINCT s FROM unnest($1::bigint[]) s ORDER BY 1) x")
                .execute(Tuple.of(lock.toArray(new Long[0]))).replaceWithVoid();
        Uni<RowSet<Row>> read = tx.preparedQuery("""
                        SELECT v.series_id, extract(epoch FROM v.ts)::bigint AS ts, v.v_json::text AS v_json FROM ps_value v
                        JOIN unnest($1::bigint[], $2::bigint[]) AS u(s, t) ON v.series_id = u.s AND v.ts = to_timestamp(u.t)
                        WHERE v.event_type = ANY($3)""")
                .execute(Tuple.of(series.toArray(new Long[0]), ts.toArray(new Long[0]), eventTypes.toArray(new String[0])));
        return Uni.combine().all().unis(locked, read).with((none, rows) -> rows)
                .map(rows -> {
                    Map<SeriesTs, Map<String, Long>> previous = new HashMap<>();
                    for (Row r : rows) {
                        previous.put(new SeriesTs(r.getLong("series_id"), r.getLong("ts")), HistogramText.parse(mapper.getFactory(), r.getString("v_json")));
                    }
                    return previous;
                });
    }

    /**
     * Adds numeric and percentage deltas to their summary buckets (creating them). Histogram buckets are merged
     * in Java under the series lock and written by {@link #upsertJson}.
     */
    public Uni<Void> addToSummaries(SqlClient tx, Collection<SummaryDelta> deltas) {
        if (deltas.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = deltas.size();
        Long[] s = new Long[n];
        String[] e = new String[n];
        Long[] t = new Long[n];
        Long[] i = new Long[n];
        Double[] f = new Double[n];
        Long[] c = new Long[n];
        Long[] num = new Long[n];
        Long[] den = new Long[n];
        int k = 0;
        for (SummaryDelta d : deltas) {
            s[k] = d.seriesId();
            e[k] = d.eventType();
            t[k] = d.ts();
            i[k] = d.integer();
            f[k] = d.real();
            c[k] = d.count();
            num[k] = d.numerator();
            den[k] = d.denominator();
            k++;
        }
        return tx.preparedQuery("""
                        INSERT INTO ps_value AS v (series_id, event_type, ts, v_int, v_float, v_count, v_num, v_den)
                        SELECT s, e, to_timestamp(t), i, f, c, n, d
                        FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::bigint[], $5::float8[], $6::bigint[],
                                    $7::bigint[], $8::bigint[]) AS u(s, e, t, i, f, c, n, d)
                        ON CONFLICT (series_id, ts, event_type) DO UPDATE SET
                            v_int = CASE WHEN EXCLUDED.v_int IS NULL THEN v.v_int ELSE COALESCE(v.v_int, 0) + EXCLUDED.v_int END,
                            v_float = CASE WHEN EXCLUDED.v_float IS NULL THEN v.v_float ELSE COALESCE(v.v_float, 0) + EXCLUDED.v_float END,
                            v_count = CASE WHEN EXCLUDED.v_count IS NULL THEN v.v_count ELSE COALESCE(v.v_count, 0) + EXCLUDED.v_count END,
                            v_num = CASE WHEN EXCLUDED.v_num IS NULL THEN v.v_num ELSE COALESCE(v.v_num, 0) + EXCLUDED.v_num END,
                            v_den = CASE WHEN EXCLUDED.v_den IS NULL THEN v.v_den ELSE COALESCE(v.v_den, 0) + EXCLUDED.v_den END""")
                .execute(Tuple.from(new Object[]{s, e, t, i, f, c, num, den}))
                .replaceWithVoid();
    }

    /**
     * Sets the series' update time to now, inside the writer's transaction. Readers see whole seconds: a series
     * written earlier in the same second is left alone, which spares a busy series (and the index on the update
     * time) a row version per request. A series another transaction is touching right now is skipped, not waited
     * for: that writer sets the same time, and two writers of one metadata never queue on each other's series rows.
     */
    public Uni<Void> touch(SqlClient tx, Collection<Long> series) {
        if (series.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery("""
                        UPDATE ps_series SET time_updated = now() WHERE id IN (
                            SELECT id FROM ps_series WHERE id = ANY($1)
                            AND (time_updated IS NULL OR time_updated < date_trunc('second', now()))
                            FOR UPDATE SKIP LOCKED)""")
                .execute(Tuple.of(series.toArray(new Long[0])))
                .replaceWithVoid();
    }

    /** Rows of one series in [start, end], oldest first. */
    public Uni<List<StoredRow>> read(long seriesId, String eventType, long start, long end, int limit, long offset) {
        return pool.preparedQuery("""
                        SELECT extract(epoch FROM ts)::bigint AS ts, v_int, v_float, v_count, v_num, v_den, v_json::text AS v_json,
                               v_stats::text AS v_stats
                        FROM ps_value
                        WHERE series_id = $1 AND event_type = $2 AND ts >= to_timestamp($3) AND ts <= to_timestamp($4)
                        ORDER BY ts LIMIT $5 OFFSET $6""")
                .execute(Tuple.from(new Object[]{seriesId, eventType, start, end, limit, offset}))
                .map(rows -> {
                    List<StoredRow> result = new ArrayList<>(rows.size());
                    for (Row r : rows) {
                        result.add(new StoredRow(r.getLong("ts"), r.getLong("v_int"), r.getDouble("v_float"), r.getLong("v_count"),
                                r.getLong("v_num"), r.getLong("v_den"), r.getString("v_json"), r.getString("v_stats")));
                    }
                    return result;
                });
    }
}
