package org.observatory.logingest.storage;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** {@code log_storage_job}: when each storage job last started and finished, and how it ended. */
@ApplicationScoped
public class StorageJobStore {

    private static final String START = """
            INSERT INTO log_storage_job (job, last_started, last_finished, outcome, detail)
            VALUES ($1, clock_timestamp(), NULL, 'running', '')
            ON CONFLICT (job) DO UPDATE SET last_started = excluded.last_started, last_finished = NULL,
                                            outcome = 'running', detail = ''""";
    private static final String FINISH = """
            UPDATE log_storage_job SET last_finished = clock_timestamp(), outcome = $2, detail = $3 WHERE job = $1""";

    private final Pool pool;

    public StorageJobStore(Pool pool) {
        this.pool = pool;
    }

    /** Marks the job running from now. */
    public Uni<Void> started(StorageJob job) {
        return pool.preparedQuery(START).execute(Tuple.of(job.apiName())).replaceWithVoid();
    }

    /** Records how the job's run ended. */
    public Uni<Void> finished(StorageJob job, String outcome, String detail) {
        return pool.preparedQuery(FINISH).execute(Tuple.of(job.apiName(), outcome, detail)).replaceWithVoid();
    }

    /** The job's last recorded run; empty when it never ran. */
    public Uni<Optional<StorageJobStatus>> lastRun(SqlClient client, StorageJob job) {
        return client.preparedQuery("SELECT last_started, last_finished, outcome, detail FROM log_storage_job WHERE job = $1")
                .execute(Tuple.of(job.apiName()))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    return Optional.of(new StorageJobStatus(job.apiName(), job.description(), true,
                            row.getOffsetDateTime("last_started").toInstant(),
                            row.getOffsetDateTime("last_finished") == null ? null
                                    : row.getOffsetDateTime("last_finished").toInstant(),
                            row.getString("outcome"), row.getString("detail")));
                });
    }
}
