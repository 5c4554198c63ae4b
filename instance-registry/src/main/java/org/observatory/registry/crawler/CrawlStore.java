package org.observatory.registry.crawler;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.observatory.registry.common.RegistryConfig;

/**
 * The crawler's side of the instance table, with the reactive client: claims (leases) so that two replicas
 * never crawl one instance at once, and one transaction per crawl attempt for its record and results.
 */
@ApplicationScoped
public class CrawlStore {

    /** Enabled, not leased, not crawled since the run began, and with a success (or registration) recent enough. */
    private static final String CLAIM = """
            UPDATE instance SET crawl_lease_until = now() + make_interval(secs => $1)
            WHERE id IN (
                SELECT id FROM instance
                WHERE enabled
                  AND (crawl_lease_until IS NULL OR crawl_lease_until < now())
                  AND (last_crawl IS NULL OR last_crawl < $2)
                  AND COALESCE(last_success, registered) >= now() - make_interval(days => $3)
                ORDER BY last_crawl NULLS FIRST, id
                LIMIT $4
                FOR UPDATE SKIP LOCKED)
            RETURNING id, url""";

    private static final String CLAIM_ONE = """
            UPDATE instance SET crawl_lease_until = now() + make_interval(secs => $2)
            WHERE id = $1 AND (crawl_lease_until IS NULL OR crawl_lease_until < now())
            RETURNING id, url""";

    private static final String RECORD = """
            INSERT INTO crawl_record (instance_id, started, finished, status, reason, error, http_status)
            VALUES ($1, $2, $3, $4, $5, $6, $7)""";

    private static final String RESULT = """
            UPDATE instance SET
                crawled = crawled || $2::jsonb,
                last_crawl = $3,
                last_success = CASE WHEN $4 THEN $3 ELSE last_success END,
                crawl_status = CASE WHEN $4 THEN 'ok' ELSE 'failed' END,
                crawl_error = $5,
                consecutive_failures = CASE WHEN $4 THEN 0 ELSE consecutive_failures + 1 END,
                crawl_lease_until = NULL,
                country_code = COALESCE($6, country_code),
                country_name = COALESCE($7, country_name),
                latitude = COALESCE($8, latitude),
                longitude = COALESCE($9, longitude)
            WHERE id = $1""";

    private static final String TRIM_HISTORY = """
            DELETE FROM crawl_record WHERE instance_id = $1 AND id <= (
                SELECT id FROM crawl_record WHERE instance_id = $1 ORDER BY id DESC OFFSET $2 LIMIT 1)""";

    private final Pool pool;
    private final RegistryConfig.Crawler config;

    public CrawlStore(Pool pool, RegistryConfig config) {
        this.pool = pool;
        this.config = config.crawler();
    }

    /** Leases up to {@code limit} instances due in the run that began at {@code runStart}. */
    public Uni<List<CrawlTarget>> claim(int limit, OffsetDateTime runStart) {
        return pool.preparedQuery(CLAIM)
                .execute(Tuple.of(config.lease().toSeconds(), runStart, config.stopAfterDays(), limit))
                .map(CrawlStore::targets);
    }

    /** Leases one instance whatever its schedule; empty when another crawl holds it or it does not exist. */
    public Uni<Optional<CrawlTarget>> claimOne(long id) {
        return pool.preparedQuery(CLAIM_ONE).execute(Tuple.of(id, config.lease().toSeconds()))
                .map(rows -> targets(rows).stream().findFirst());
    }

    public Uni<Boolean> exists(long id) {
        return pool.preparedQuery("SELECT 1 FROM instance WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() > 0);
    }

    /** Stores one attempt: its record, the merged fields, the state and the location; frees the lease. */
    public Uni<Void> save(CrawlOutcome outcome) {
        var location = outcome.location();
        Tuple result = Tuple.tuple()
                .addLong(outcome.instanceId())
                .addJsonObject(outcome.data())
                .addOffsetDateTime(outcome.finished())
                .addBoolean(outcome.ok())
                .addString(outcome.error())
                .addString(location == null ? null : location.countryCode())
                .addString(location == null ? null : location.countryName())
                .addDouble(location == null ? null : location.latitude())
                .addDouble(location == null ? null : location.longitude());
        Tuple record = Tuple.tuple()
                .addLong(outcome.instanceId())
                .addOffsetDateTime(outcome.started())
                .addOffsetDateTime(outcome.finished())
                .addString(outcome.ok() ? "ok" : "failed")
                .addString(outcome.reason())
                .addString(outcome.error())
                .addInteger(outcome.httpStatus());
        return pool.withTransaction(connection -> connection.preparedQuery(RECORD).execute(record)
                .flatMap(ignored -> connection.preparedQuery(RESULT).execute(result))
                .flatMap(ignored -> connection.preparedQuery(TRIM_HISTORY)
                        .execute(Tuple.of(outcome.instanceId(), config.historyPerInstance() - 1)))
                .replaceWithVoid());
    }

    private static List<CrawlTarget> targets(RowSet<Row> rows) {
        List<CrawlTarget> targets = new ArrayList<>(rows.size());
        for (Row row : rows) {
            targets.add(new CrawlTarget(row.getLong("id"), row.getString("url")));
        }
        return targets;
    }
}
