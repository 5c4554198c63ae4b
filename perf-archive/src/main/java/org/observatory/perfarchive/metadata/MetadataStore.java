package org.observatory.perfarchive.metadata;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.observatory.perfarchive.eventtype.SummaryType;

/** Metadata and series rows, through the reactive client (the searches are dynamic SQL). */
@ApplicationScoped
public class MetadataStore {

    private static final String SERIES_COLUMNS =
            "id, metadata_id, event_type, summary_type, summary_window, extract(epoch FROM time_updated)::bigint AS updated";

    private final Pool pool;

    public MetadataStore(Pool pool) {
        this.pool = pool;
    }

    /** Inserts the metadata unless one with its checksum exists; either way answers the stored key. */
    public Uni<String> insertIfAbsent(SqlClient tx, NewMetadata m, String checksum, String newKey) {
        return tx.preparedQuery("""
                        INSERT INTO ps_metadata (metadata_key, checksum, subject_type, source, destination,
                            measurement_agent, tool_name, input_source, input_destination)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                        ON CONFLICT (checksum) DO NOTHING RETURNING id""")
                .execute(Tuple.from(new Object[]{newKey, checksum, m.subjectType(), m.source(), m.destination(),
                        m.measurementAgent(), m.toolName(), m.inputSource(), m.inputDestination()}))
                .onItem().transformToUni(rows -> {
                    if (rows.rowCount() == 0) {
                        return tx.preparedQuery("SELECT metadata_key FROM ps_metadata WHERE checksum = $1")
                                .execute(Tuple.of(checksum)).map(r -> r.iterator().next().getString("metadata_key"));
                    }
                    long id = rows.iterator().next().getLong("id");
                    return insertParameters(tx, id, m).chain(() -> insertSeries(tx, id, m)).replaceWith(newKey);
                });
    }

    private Uni<Void> insertParameters(SqlClient tx, long id, NewMetadata m) {
        if (m.parameters().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery("INSERT INTO ps_metadata_parameter (metadata_id, name, value) "
                        + "SELECT $1, n, v FROM unnest($2::text[], $3::text[]) AS t(n, v)")
                .execute(Tuple.of(id, m.parameters().keySet().toArray(new String[0]),
                        m.parameters().values().toArray(new String[0])))
                .replaceWithVoid();
    }

    private Uni<Void> insertSeries(SqlClient tx, long id, NewMetadata m) {
        if (m.series().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<SeriesSpec> specs = new ArrayList<>(m.series());
        return tx.preparedQuery("INSERT INTO ps_series (metadata_id, event_type, summary_type, summary_window) "
                        + "SELECT $1, e, s, w FROM unnest($2::text[], $3::text[], $4::bigint[]) AS t(e, s, w)")
                .execute(Tuple.of(id, specs.stream().map(SeriesSpec::eventType).toArray(String[]::new),
                        specs.stream().map(s -> s.summaryType().json()).toArray(String[]::new),
                        specs.stream().map(SeriesSpec::window).toArray(Long[]::new)))
                .replaceWithVoid();
    }

    /** The base series of these event types for a metadata, created for types the metadata never declared. */
    public Uni<Void> ensureBaseSeries(SqlClient client, long metadataId, List<String> eventTypes) {
        return client.preparedQuery("INSERT INTO ps_series (metadata_id, event_type, summary_type, summary_window) "
                        + "SELECT $1, e, 'base', 0 FROM unnest($2::text[]) AS t(e) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(metadataId, eventTypes.toArray(new String[0])))
                .replaceWithVoid();
    }

    public Uni<Optional<Long>> idOf(String key) {
        return pool.preparedQuery("SELECT id FROM ps_metadata WHERE metadata_key = $1").execute(Tuple.of(key))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getLong("id")));
    }

    public Uni<List<Series>> seriesOf(SqlClient client, long metadataId) {
        return client.preparedQuery("SELECT " + SERIES_COLUMNS + " FROM ps_series WHERE metadata_id = $1")
                .execute(Tuple.of(metadataId))
                .map(MetadataStore::series);
    }

    public Uni<Optional<Metadata>> findByKey(String key) {
        return pool.preparedQuery("SELECT id FROM ps_metadata WHERE metadata_key = $1").execute(Tuple.of(key))
                .onItem().transformToUni(rows -> rows.rowCount() == 0
                        ? Uni.createFrom().item(Optional.<Metadata>empty())
                        : load(List.of(rows.iterator().next().getLong("id"))).map(l -> l.stream().findFirst()));
    }

    public Uni<Long> count(MetadataFilter filter) {
        List<Object> args = new ArrayList<>();
        String sql = "SELECT count(*) AS total FROM ps_metadata m" + filter.where(args);
        return pool.preparedQuery(sql).execute(Tuple.from(args)).map(rows -> rows.iterator().next().getLong("total"));
    }

    public Uni<List<Metadata>> search(MetadataFilter filter, int limit, long offset) {
        List<Object> args = new ArrayList<>();
        String where = filter.where(args);
        args.add(limit);
        args.add(offset);
        String sql = "SELECT m.id FROM ps_metadata m" + where + " ORDER BY m.id LIMIT $" + (args.size() - 1)
                + " OFFSET $" + args.size();
        return pool.preparedQuery(sql).execute(Tuple.from(args)).onItem().transformToUni(rows -> {
            List<Long> ids = new ArrayList<>();
            rows.forEach(r -> ids.add(r.getLong("id")));
            return load(ids);
        });
    }

    /** Full metadata for these ids, in id order: three queries, whatever the page size. */
    private Uni<List<Metadata>> load(List<Long> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Long[] idArray = ids.toArray(new Long[0]);
        Uni<RowSet<Row>> metadata = pool.preparedQuery("""
                SELECT id, metadata_key, subject_type, source, destination, measurement_agent, tool_name,
                       input_source, input_destination FROM ps_metadata WHERE id = ANY($1) ORDER BY id""")
                .execute(Tuple.of(idArray));
        Uni<RowSet<Row>> parameters = pool.preparedQuery(
                "SELECT metadata_id, name, value FROM ps_metadata_parameter WHERE metadata_id = ANY($1)")
                .execute(Tuple.of(idArray));
        Uni<RowSet<Row>> series = pool.preparedQuery("SELECT " + SERIES_COLUMNS + " FROM ps_series WHERE metadata_id = ANY($1)")
                .execute(Tuple.of(idArray));
        return Uni.combine().all().unis(metadata, parameters, series).asTuple().map(t -> {
            Map<Long, Map<String, String>> params = new HashMap<>();
            t.getItem2().forEach(r -> params.computeIfAbsent(r.getLong("metadata_id"), k -> new TreeMap<>())
                    .put(r.getString("name"), r.getString("value")));
            Map<Long, List<Series>> seriesById = new HashMap<>();
            for (Series s : series(t.getItem3())) {
                seriesById.computeIfAbsent(s.metadataId(), k -> new ArrayList<>()).add(s);
            }
            List<Metadata> result = new ArrayList<>();
            for (Row r : t.getItem1()) {
                long id = r.getLong("id");
                result.add(new Metadata(id, r.getString("metadata_key"), r.getString("subject_type"), r.getString("source"),
                        r.getString("destination"), r.getString("measurement_agent"), r.getString("tool_name"),
                        r.getString("input_source"), r.getString("input_destination"),
                        params.getOrDefault(id, Map.of()), seriesById.getOrDefault(id, List.of())));
            }
            return result;
        });
    }

    private static List<Series> series(RowSet<Row> rows) {
        List<Series> result = new ArrayList<>();
        for (Row r : rows) {
            result.add(new Series(r.getLong("id"), r.getLong("metadata_id"), r.getString("event_type"),
                    SummaryType.fromJson(r.getString("summary_type")).orElseThrow(), r.getLong("summary_window"),
                    r.getLong("updated")));
        }
        result.sort(Comparator.comparing(Series::eventType).thenComparing(Series::summaryType).thenComparingLong(Series::window));
        return result;
    }
}
