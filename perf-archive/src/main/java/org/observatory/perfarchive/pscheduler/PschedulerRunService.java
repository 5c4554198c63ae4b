package org.observatory.perfarchive.pscheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.observatory.common.problem.ProblemException;
import org.observatory.perfarchive.data.DataParser;
import org.observatory.perfarchive.data.DataService;
import org.observatory.perfarchive.data.Point;
import org.observatory.perfarchive.ingest.IngestFailureStore;
import org.observatory.perfarchive.metadata.MetadataParser;
import org.observatory.perfarchive.metadata.MetadataService;
import org.observatory.perfarchive.metadata.NewMetadata;

/**
 * Stores a pScheduler run as the esmond archiver would have (metadata, event types, summaries, one data
 * point) plus its whole document, in one transaction. A run seen before stores nothing (its document insert finds
 * it and rolls the transaction back); a run whose values another path stored (409, which counts as stored, as the
 * esmond archiver counts it) keeps its document.
 */
@ApplicationScoped
public class PschedulerRunService {

    /** Resolving the hosts of a run waits at most this long. */
    private static final Duration MAPPING_TIMEOUT = Duration.ofSeconds(20);
    /** Metadata keys by checksum: every run of a task has the same metadata (the archiver cached it per task). */
    private static final int KEY_CACHE_SIZE = 10_000;

    private final Pool pool;
    private final MetadataService metadata;
    private final DataService data;
    private final PschedulerRunRepository runs;
    private final IngestFailureStore failures;
    private final Map<String, String> keys = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > KEY_CACHE_SIZE;
        }
    };

    public PschedulerRunService(Pool pool, MetadataService metadata, DataService data, PschedulerRunRepository runs,
                                IngestFailureStore failures) {
        this.pool = pool;
        this.metadata = metadata;
        this.data = data;
        this.runs = runs;
        this.failures = failures;
    }

    /** What the run becomes in esmond terms, decided before anything is stored. */
    record Mapped(RunDocument run, NewMetadata metadata, List<Point> points, String status, String problem) {
    }

    public Uni<RunReceipt> store(JsonNode body, String observer, String agent) {
        RunDocument run = RunDocumentParser.parse(body);
        // Mapping resolves host names (blocking): a worker thread, with a bound on the wait. A retried run is
        // found by its document insert, in the transaction of its values (no lookup before).
        return Uni.createFrom().item(() -> map(run, observer))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .ifNoItem().after(MAPPING_TIMEOUT).failWith(() -> new ProblemException(503, "Service Unavailable",
                        "Resolving the run's hosts took too long; try again"))
                .chain(mapped -> write(mapped, observer, agent));
    }

    Mapped map(RunDocument run, String observer) {
        try {
            return convert(run, EsmondRecordMapper.map(run, observer), "mapped", null);
        } catch (RuntimeException e) {
            if (!EsmondRecordMapper.mapped(run.testType())) {
                throw unstorable(run, e);
            }
            // A known test type with a result of another shape: kept as pscheduler-raw, reported, not lost.
            String problem = "The " + run.testType() + " result could not be mapped to esmond event types ("
                    + e.getMessage() + "); stored as pscheduler-raw";
            try {
                return convert(run, EsmondRecordMapper.raw(run, observer), "raw", problem);
            } catch (RuntimeException again) {
                throw unstorable(run, again);
            }
        }
    }

    /** A run not even the raw form can take (its spec breaks esmond's metadata limits): a 400 that says why. */
    private static ProblemException unstorable(RunDocument run, RuntimeException e) {
        return e instanceof ProblemException p ? p
                : ProblemException.badRequest("The " + run.testType() + " run cannot be stored: " + e.getMessage());
    }

    private static Mapped convert(RunDocument run, EsmondRecord record, String status, String problem) {
        NewMetadata parsed = MetadataParser.parse(record.metadata());
        ObjectNode bulk = record.metadata().objectNode();
        bulk.putArray("data").addObject().put("ts", record.ts()).set("val", record.values());
        return new Mapped(run, parsed, DataParser.bulk(bulk), status, problem);
    }

    private Uni<RunReceipt> write(Mapped m, String observer, String agent) {
        RunDocument run = m.run();
        return key(m.metadata())
                .chain(key -> data.write(key, m.points(), tx -> recordRun(tx, m, key, observer)
                                .map(first -> {
                                    if (!first) {
                                        // Rolls the values back with it: a retried run stores nothing twice.
                                        throw new StoredBefore();
                                    }
                                    return null;
                                }).replaceWithVoid())
                        .map(stored -> new RunReceipt(run.runId(), m.status(), key, stored, m.problem()))
                        .onFailure(StoredBefore.class).recoverWithItem(() -> new RunReceipt(run.runId(), "duplicate", key, 0, null))
                        .onFailure(ProblemException.class).recoverWithUni(e -> ((ProblemException) e).status() == 409
                                // Its values were stored by the esmond archiver (or another path): keep the document.
                                ? recordRun(pool, m, key, observer).map(first -> first
                                        ? new RunReceipt(run.runId(), m.status(), key, 0, m.problem())
                                        : new RunReceipt(run.runId(), "duplicate", key, 0, null))
                                : Uni.createFrom().failure(e)))
                .call(receipt -> "raw".equals(receipt.status())
                        ? failures.record("pscheduler-run", 202, "malformed-result", agent, run.runId(), m.problem())
                        : Uni.createFrom().voidItem());
    }

    private Uni<Boolean> recordRun(SqlClient client, Mapped m, String key, String observer) {
        RunDocument run = m.run();
        return runs.insert(client, run.runId(), run.testType(), m.status(), key, observer, run.startSeconds(),
                run.document().toString());
    }

    /** The run's id is recorded already: its transaction rolls back and the answer is "duplicate". */
    private static final class StoredBefore extends RuntimeException {
        StoredBefore() {
            super("run stored before", null, false, false);
        }
    }

    private Uni<String> key(NewMetadata parsed) {
        String checksum = parsed.checksum();
        String cached;
        synchronized (keys) {
            cached = keys.get(checksum);
        }
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        return metadata.create(parsed).map(created -> {
            synchronized (keys) {
                keys.put(checksum, created.key());
            }
            return created.key();
        });
    }
}
