package org.observatory.registry.instance;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.observatory.common.paging.PageRequest;
import org.observatory.common.problem.ProblemException;
import org.observatory.registry.common.RegistryConfig;
import org.observatory.registry.fields.FieldSettings;

/**
 * Listings and details for the public API, with the reactive SQL client: they filter and sort on crawled JSON and
 * join the crawl history. Filters and sorts come from the query string: column names only from a fixed list, crawled
 * field names and all values only as bound parameters.
 */
@ApplicationScoped
public class InstanceStore {

    /** Sortable main fields: what a client names to the column it means. */
    private static final Map<String, String> SORTABLE = Map.of(
            "id", "id", "url", "url", "organization", "organization", "registered", "registered",
            "enabled", "enabled", "country", "country_code", "lastCrawl", "last_crawl",
            "lastSuccess", "last_success", "crawlStatus", "status", "consecutiveFailures", "consecutive_failures");

    static final List<String> CRAWL_STATUSES = List.of("never", "ok", "failed", "stopped");

    private static final String COLUMNS = """
            id, url, organization, enabled, registered, crawled, last_crawl, last_success, crawl_error,
            consecutive_failures, country_code, country_name, latitude, longitude,
            CASE WHEN COALESCE(last_success, registered) < now() - make_interval(days => %d) THEN 'stopped'
                 WHEN last_crawl IS NULL THEN 'never' ELSE crawl_status END AS status""";

    private final Pool pool;
    private final FieldSettings fields;
    private final String columns;

    public InstanceStore(Pool pool, FieldSettings fields, RegistryConfig config) {
        this.pool = pool;
        this.fields = fields;
        this.columns = COLUMNS.formatted(config.crawler().stopAfterDays());
    }

    public Uni<InstanceView.Page<InstanceView.Summary>> list(InstanceFilter filter, PageRequest page) {
        List<Object> parameters = new ArrayList<>();
        List<String> where = new ArrayList<>();
        filter.enabled().ifPresent(enabled -> where.add("enabled = " + bind(parameters, enabled)));
        filter.country().ifPresent(country -> where.add("country_code = " + bind(parameters, country.toUpperCase(Locale.ROOT))));
        filter.crawlStatus().ifPresent(status -> {
            if (!CRAWL_STATUSES.contains(status)) {
                throw ProblemException.invalidField("crawlStatus", "must be one of " + CRAWL_STATUSES);
            }
            where.add("status = " + bind(parameters, status));
        });
        filter.fieldEquals().forEach((name, value) -> where.add("crawled ->> " + bind(parameters, visibleField(name))
                + "::text = " + bind(parameters, value) + "::text"));
        String base = "SELECT * FROM (SELECT " + columns + " FROM instance) AS i"
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where));
        String countSql = "SELECT count(*) AS total FROM (" + base + ") AS c";
        List<Object> countParameters = List.copyOf(parameters);
        String order = order(filter.sort(), parameters);
        String pageSql = base + " ORDER BY " + order + " LIMIT " + bind(parameters, (long) page.limit())
                + " OFFSET " + bind(parameters, page.offset());
        return pool.preparedQuery(countSql).execute(Tuple.from(countParameters))
                .map(rows -> rows.iterator().next().getLong("total"))
                .flatMap(total -> pool.preparedQuery(pageSql).execute(Tuple.from(parameters)).map(rows -> {
                    List<InstanceView.Summary> items = new ArrayList<>();
                    for (Row row : rows) {
                        items.add(new InstanceView.Summary(row.getLong("id"), row.getString("url"),
                                row.getString("organization"), row.getBoolean("enabled"),
                                row.getOffsetDateTime("registered"), country(row), crawl(row),
                                fields.shownValues(crawled(row))));
                    }
                    return new InstanceView.Page<>(total, page.limit(), page.offset(), items);
                }));
    }

    public Uni<Optional<InstanceView.Detail>> get(long id, int history) {
        return pool.preparedQuery("SELECT " + columns + " FROM instance WHERE id = $1").execute(Tuple.of(id))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(Optional.<InstanceView.Detail>empty());
                    }
                    Row row = rows.iterator().next();
                    return pool.preparedQuery("""
                                    SELECT started, finished, status, reason, error, http_status FROM crawl_record
                                    WHERE instance_id = $1 ORDER BY id DESC LIMIT $2""")
                            .execute(Tuple.of(id, history))
                            .map(records -> {
                                List<InstanceView.CrawlRecord> crawls = new ArrayList<>();
                                for (Row r : records) {
                                    crawls.add(new InstanceView.CrawlRecord(r.getOffsetDateTime("started"),
                                            r.getOffsetDateTime("finished"), r.getString("status"), r.getString("reason"),
                                            r.getString("error"), r.getInteger("http_status")));
                                }
                                return Optional.of(new InstanceView.Detail(row.getLong("id"), row.getString("url"),
                                        row.getString("organization"), row.getBoolean("enabled"),
                                        row.getOffsetDateTime("registered"), country(row), crawl(row),
                                        fields.shown(crawled(row)), crawls));
                            });
                });
    }

    private String order(String sort, List<Object> parameters) {
        String key = sort == null || sort.isBlank() ? "id" : sort.trim();
        boolean descending = key.startsWith("-");
        if (descending) {
            key = key.substring(1);
        }
        String expression;
        if (key.startsWith("field.")) {
            expression = "crawled -> " + bind(parameters, visibleField(key.substring("field.".length()))) + "::text";
        } else if (SORTABLE.containsKey(key)) {
            expression = SORTABLE.get(key);
        } else {
            throw ProblemException.invalidField("sort", "must be one of " + new java.util.TreeSet<>(SORTABLE.keySet())
                    + " or field.<crawled field>, optionally with a leading -");
        }
        String direction = descending ? " DESC NULLS LAST" : " ASC NULLS LAST";
        return expression + direction + ", id" + (descending ? " DESC" : " ASC");
    }

    private String visibleField(String name) {
        if (!FieldSettings.FIELD_NAME.matcher(name).matches() || fields.isHidden(name)) {
            throw ProblemException.invalidField("field." + name, "is not a crawled field that can be filtered or sorted on");
        }
        return name;
    }

    private static String bind(List<Object> parameters, Object value) {
        parameters.add(value);
        return "$" + parameters.size();
    }

    private static JsonObject crawled(Row row) {
        Object value = row.getValue("crawled");
        return value instanceof JsonObject object ? object : new JsonObject();
    }

    private static InstanceView.Country country(Row row) {
        String code = row.getString("country_code");
        return code == null ? null : new InstanceView.Country(code, row.getString("country_name"),
                row.getDouble("latitude"), row.getDouble("longitude"));
    }

    private static InstanceView.Crawl crawl(Row row) {
        return new InstanceView.Crawl(row.getString("status"), row.getOffsetDateTime("last_crawl"),
                row.getOffsetDateTime("last_success"), row.getString("crawl_error"), row.getInteger("consecutive_failures"));
    }
}
