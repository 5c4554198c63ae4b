package org.observatory.logingest.rollup;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.observatory.common.paging.PageRequest;

/** Totals and time series from the rollup tables (SQL built from a checked query), grouped and filtered by any {@link Dimension}. */
@ApplicationScoped
public class RollupStore {

    /** A checked query; {@code series} adds the bucket as the first column. */
    public record Query(Resolution resolution, Instant from, Instant to, List<Dimension> groupBy,
                        Map<Dimension, String> filters, PageRequest page, boolean series) {
    }

    private final Pool pool;

    public RollupStore(Pool pool) {
        this.pool = pool;
    }

    public Uni<RollupPage> run(Query q) {
        List<Object> params = new ArrayList<>();
        params.add(q.from().atOffset(ZoneOffset.UTC));
        params.add(q.to().atOffset(ZoneOffset.UTC));
        StringBuilder where = new StringBuilder(" FROM " + q.resolution().table() + " WHERE bucket >= $1 AND bucket < $2");
        q.filters().forEach((dimension, value) -> {
            params.add(value);
            where.append(" AND ").append(dimension.column()).append(" = $").append(params.size());
        });
        List<String> groupColumns = new ArrayList<>();
        if (q.series()) {
            groupColumns.add("bucket");
        }
        q.groupBy().forEach(d -> groupColumns.add(d.column()));
        String group = groupColumns.isEmpty() ? "" : " GROUP BY " + String.join(", ", groupColumns);
        String select = (groupColumns.isEmpty() ? "" : String.join(", ", groupColumns) + ", ")
                + "coalesce(sum(bytes), 0)::bigint AS bytes, coalesce(sum(packets), 0)::bigint AS packets,"
                + " coalesce(sum(events), 0)::bigint AS events";
        String order = q.series()
                ? " ORDER BY " + String.join(", ", groupColumns)
                : " ORDER BY bytes DESC" + (groupColumns.isEmpty() ? "" : ", " + String.join(", ", groupColumns));
        String count = groupColumns.isEmpty()
                ? "SELECT 1 AS total"
                : "SELECT count(*) AS total FROM (SELECT 1" + where + group + ") AS g";
        String page = "SELECT " + select + where + group + order
                + " LIMIT " + q.page().limit() + " OFFSET " + q.page().offset();
        Tuple tuple = Tuple.from(params);
        List<String> columns = columns(q);
        List<String> selected = new ArrayList<>(groupColumns);
        selected.addAll(List.of("bytes", "packets", "events"));
        return pool.preparedQuery(count).execute(groupColumns.isEmpty() ? Tuple.tuple() : tuple)
                .map(rows -> rows.iterator().next().getLong("total"))
                .chain(total -> pool.preparedQuery(page).execute(tuple).map(rows -> {
                    List<Map<String, Object>> out = new ArrayList<>();
                    for (Row row : rows) {
                        Map<String, Object> values = new LinkedHashMap<>();
                        for (int i = 0; i < columns.size(); i++) {
                            Object value = row.getValue(selected.get(i));
                            values.put(columns.get(i), value instanceof OffsetDateTime t ? t.toInstant() : value);
                        }
                        out.add(values);
                    }
                    return new RollupPage(q.resolution().name().toLowerCase(), q.from(), q.to(),
                            q.groupBy().stream().map(Dimension::apiName).toList(), columns, total,
                            q.page().limit(), q.page().offset(), out);
                }));
    }

    static List<String> columns(Query q) {
        List<String> columns = new ArrayList<>();
        if (q.series()) {
            columns.add("bucket");
        }
        columns.addAll(q.groupBy().stream().map(Dimension::apiName).collect(Collectors.toList()));
        columns.addAll(List.of("bytes", "packets", "events"));
        return columns;
    }
}
