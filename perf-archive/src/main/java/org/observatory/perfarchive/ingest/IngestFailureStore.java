package org.observatory.perfarchive.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;
import org.observatory.perfarchive.PerfConfig;

/**
 * Refused writes, counted and listed: agents do not retry, so an operator must see what the archive missed.
 * The counter's tags are the endpoint and the reason code only (no paths, keys or agents); the list keeps the
 * latest {@code perf.ingest-failures.kept} in the database, shared by every replica.
 */
@ApplicationScoped
public class IngestFailureStore {

    private static final Logger LOG = Logger.getLogger(IngestFailureStore.class);
    private static final int MAX_TEXT = 1000;
    static final int MAX_PENDING = 1000;

    private final Pool pool;
    private final MeterRegistry registry;
    private final int kept;
    private final AtomicInteger pending = new AtomicInteger();
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);

    public IngestFailureStore(Pool pool, MeterRegistry registry, PerfConfig config) {
        this.pool = pool;
        this.registry = registry;
        this.kept = config.ingestFailures().kept();
    }

    /**
     * Counts and lists one refused write; never fails the request it describes. The inserts run one after the
     * other and a listing waits for those queued before it, so that a write refused before a listing is in it.
     * At most {@link #MAX_PENDING} wait: beyond, a flood of refusals is counted but not listed.
     */
    public Uni<Void> record(String endpoint, int status, String reason, String agent, String subject, String detail) {
        Counter.builder("perf_archive_ingest_refused")
                .description("Writes refused or stored only raw, by endpoint and reason")
                .tag("endpoint", endpoint).tag("reason", reason)
                .register(registry).increment();
        if (pending.incrementAndGet() > MAX_PENDING) {
            pending.decrementAndGet();
            return Uni.createFrom().voidItem();
        }
        Tuple row = Tuple.from(new Object[]{endpoint, status, reason, cut(agent), cut(subject), cut(detail), kept});
        CompletableFuture<Void> written;
        synchronized (this) {
            written = tail.thenCompose(v -> insert(row));
            tail = written;
        }
        return Uni.createFrom().completionStage(written);
    }

    private CompletableFuture<Void> insert(Tuple row) {
        return pool.preparedQuery("""
                        WITH added AS (
                            INSERT INTO ps_ingest_failure (endpoint, status, reason, agent, subject, detail)
                            VALUES ($1, $2, $3, $4, $5, $6) RETURNING id)
                        DELETE FROM ps_ingest_failure WHERE id <= (SELECT id FROM added) - $7""")
                .execute(row)
                .replaceWithVoid()
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("Could not list a refused write: %s", e.getMessage());
                    return null;
                })
                .eventually(pending::decrementAndGet)
                .subscribeAsCompletionStage();
    }

    /** The latest refused writes, newest first. */
    public Uni<List<IngestFailure>> latest(int limit, long offset) {
        CompletableFuture<Void> queued;
        synchronized (this) {
            queued = tail;
        }
        return Uni.createFrom().completionStage(queued).chain(() -> pool.preparedQuery("SELECT id, at, endpoint, status, reason, agent, subject, detail FROM ps_ingest_failure "
                        + "ORDER BY id DESC LIMIT $1 OFFSET $2")
                .execute(Tuple.of(limit, offset))
                .map(rows -> {
                    List<IngestFailure> list = new ArrayList<>();
                    for (Row r : rows) {
                        list.add(new IngestFailure(r.getLong("id"), r.getOffsetDateTime("at").toInstant(),
                                r.getString("endpoint"), r.getInteger("status"), r.getString("reason"),
                                r.getString("agent"), r.getString("subject"), r.getString("detail")));
                    }
                    return list;
                }));
    }

    private static String cut(String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
    }
}
