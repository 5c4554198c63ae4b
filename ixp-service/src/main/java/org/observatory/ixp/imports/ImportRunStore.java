package org.observatory.ixp.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.observatory.common.paging.PageRequest;

/**
 * Import runs, written outside the month's transaction so that progress and failures stay visible even
 * when the month's writes roll back.
 */
@ApplicationScoped
public class ImportRunStore {

    private static final Logger LOG = Logger.getLogger(ImportRunStore.class);
    private static final String COLUMNS = "id, kind, month, source, status, phase, progress, requested_by, started_at,"
            + " finished_at, duration_ms, error, report::text AS report";

    private final Pool pool;
    private final ObjectMapper mapper;

    public ImportRunStore(Pool pool, ObjectMapper mapper) {
        this.pool = pool;
        this.mapper = mapper;
    }

    public Uni<Long> start(String kind, LocalDate month, String source, String requestedBy) {
        return pool.preparedQuery("""
                INSERT INTO import_run (kind, month, source, status, phase, requested_by)
                VALUES ($1, $2, $3, 'running', 'starting', $4) RETURNING id""")
                .execute(Tuple.of(kind, month, source, requestedBy))
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    /** Records the phase a long import is in, in the run and in the log. */
    public Uni<Void> progress(long id, String phase, String progress) {
        LOG.infof("import run %d: %s%s", id, phase, progress == null ? "" : " (" + progress + ")");
        return pool.preparedQuery("UPDATE import_run SET phase = $2, progress = $3 WHERE id = $1")
                .execute(Tuple.of(id, phase, progress)).replaceWithVoid();
    }

    public Uni<Void> setSource(long id, String source, LocalDate month) {
        return pool.preparedQuery("UPDATE import_run SET source = $2, month = coalesce($3, month) WHERE id = $1")
                .execute(Tuple.of(id, source, month)).replaceWithVoid();
    }

    public Uni<Void> finish(long id, String status, Object report, String error) {
        String json;
        try {
            json = report == null ? null : mapper.writeValueAsString(report);
        } catch (Exception e) {
            LOG.warnf("import run %d: report not serialisable: %s", id, e.getMessage());
            json = null;
        }
        return pool.preparedQuery("""
                UPDATE import_run SET status = $2, phase = 'done', report = $3::text::jsonb, error = $4, finished_at = now(),
                    duration_ms = (extract(epoch FROM now() - started_at) * 1000)::bigint
                WHERE id = $1""")
                .execute(Tuple.of(id, status, json, error)).replaceWithVoid();
    }

    public Uni<Optional<ImportRun>> find(long id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM import_run WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(map(rows.iterator().next())));
    }

    public Uni<List<ImportRun>> list(String status, PageRequest page) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM import_run WHERE ($1::text IS NULL OR status = $1)"
                        + " ORDER BY id DESC LIMIT $2 OFFSET $3")
                .execute(Tuple.of(status, page.limit(), page.offset()))
                .map(rows -> {
                    List<ImportRun> runs = new ArrayList<>();
                    rows.forEach(row -> runs.add(map(row)));
                    return runs;
                });
    }

    /** The day the last successful API import started: the next incremental import asks for changes since then. */
    public Uni<Optional<LocalDate>> lastSuccessfulApiDay() {
        return pool.query("SELECT max(started_at)::date AS day FROM import_run WHERE kind = 'api' AND status = 'succeeded'")
                .execute().map(rows -> Optional.ofNullable(rows.iterator().next().getLocalDate("day")));
    }

    private ImportRun map(Row row) {
        JsonNode report = null;
        String text = row.getString("report");
        if (text != null) {
            try {
                report = mapper.readTree(text);
            } catch (Exception e) {
                report = null;
            }
        }
        return new ImportRun(row.getLong("id"), row.getString("kind"), row.getLocalDate("month"), row.getString("source"),
                row.getString("status"), row.getString("phase"), row.getString("progress"), row.getString("requested_by"),
                row.getOffsetDateTime("started_at"), row.getOffsetDateTime("finished_at"), row.getLong("duration_ms"),
                row.getString("error"), report);
    }
}
