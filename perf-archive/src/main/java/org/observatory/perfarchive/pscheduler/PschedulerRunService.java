package org.observatory.perfarchive.pscheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.observatory.common.cache.LruCache;
import org.observatory.common.problem.ProblemException;
import org.observatory.perfarchive.PerfConfig;
import org.observatory.perfarchive.data.DataParser;
import org.observatory.perfarchive.data.DataService;
import org.observatory.perfarchive.data.Point;
import org.observatory.perfarchive.ingest.IngestFailureStore;
import org.observatory.perfarchive.metadata.MetadataParser;
import org.observatory.perfarchive.metadata.MetadataService;
import org.observatory.perfarchive.metadata.NewMetadata;
import org.observatory.perfarchive.pscheduler.GroupCommit.Outcome;

/**
 * Stores a pScheduler run as the esmond archiver would have (metadata, event types, summaries, one data
 * point) plus its whole document. Runs that arrive together are written together (group commit, see
 * {@link GroupCommit}): one transaction and one statement per kind of row for a batch, each run answered once its
 * batch is committed. A run seen before stores nothing; a run whose values another path stored (409, which counts
 * as stored, as the esmond archiver counts it) keeps its document.
 */
@ApplicationScoped
public class PschedulerRunService {

    private static final Logger LOG = Logger.getLogger(PschedulerRunService.class);

    /** Resolving the hosts of a run waits at most this long. */
    private static final Duration MAPPING_TIMEOUT = Duration.ofSeconds(20);
    /** Metadata keys by checksum: every run of a task has the same metadata (the archiver cached it per task). */
    private static final int KEY_CACHE_SIZE = 10_000;
    /** Parsed metadata of this many tasks (a 20-host mesh has about 1,100). */
    private static final int PARSED_CACHE_SIZE = 2_000;

    private final Pool pool;
    private final MetadataService metadata;
    private final DataService data;
    private final PschedulerRunStore runs;
    private final IngestFailureStore failures;
    private final GroupCommit<Pending, RunReceipt> queue;
    private final Duration shutdownGrace;
    private final LruCache<String, String> keys = new LruCache<>(KEY_CACHE_SIZE);
    /**
     * Parsed metadata (and checksum) by the metadata document a run maps to, as JSON text: every run of a task maps
     * to the same one, so parsing and hashing it again per run is wasted. (Not keyed by the JsonNode itself: its
     * hash adds up its fields', and the metadata of A to B and of B to A collide.) An entry holds a few kilobytes,
     * hence the smaller bound.
     */
    private final LruCache<String, Parsed> parsed = new LruCache<>(PARSED_CACHE_SIZE);

    /** A run's metadata, checked, with its checksum (what finds its key). */
    record Parsed(NewMetadata metadata, String checksum) {
    }

    public PschedulerRunService(Pool pool, MetadataService metadata, DataService data, PschedulerRunStore runs,
                                IngestFailureStore failures, Vertx vertx, PerfConfig config) {
        PerfConfig.Pscheduler.Batch batch = config.pscheduler().batch();
        this.queue = new GroupCommit<>(vertx, this::writeBatch, batch.window(), batch.maxRuns(), batch.queueLimit(),
                batch.inFlight(), batch.timeout(), batch.retryAfter());
        this.shutdownGrace = batch.shutdownGrace();
        this.pool = pool;
        this.metadata = metadata;
        this.data = data;
        this.runs = runs;
        this.failures = failures;
    }

    /** On SIGTERM: runs waiting for their batch are written (or, past the grace time, answered with a 503). */
    void stop(@Observes ShutdownEvent event) {
        queue.close(shutdownGrace);
    }

    /** What the run becomes in esmond terms, decided before anything is stored. */
    record Mapped(RunDocument run, Parsed metadata, List<Point> points, String status, String problem) {
    }

    public Uni<RunReceipt> store(JsonNode body, String observer, String agent) {
        return prepare(body, observer).chain(queue::submit).call(receipt -> reportRaw(receipt, agent));
    }

    /**
     * Stores the runs as one batch, as the queue would if they arrived together (tests use it to make sure they
     * do); answers one receipt per run, in order.
     */
    Uni<List<Outcome<RunReceipt>>> storeTogether(List<JsonNode> bodies, String observer) {
        return Multi.createFrom().iterable(bodies).onItem().transformToUniAndConcatenate(body -> prepare(body, observer))
                .collect().asList().chain(this::writeBatch);
    }

    /** A run ready for its batch: mapped, its metadata created, its series and partitions there. */
    record Pending(Mapped mapped, String key, String observer, DataService.Prepared values) {
        UUID runId() {
            return UUID.fromString(mapped.run().runId());
        }
    }

    private Uni<Pending> prepare(JsonNode body, String observer) {
        RunDocument run = RunDocumentParser.parse(body);
        Uni<Mapped> mapping = Uni.createFrom().item(() -> map(run, observer));
        if (EsmondRecordMapper.resolvesNames(run, observer)) {
            // Mapping resolves host names (blocking): a worker thread, with a bound on the wait. Hosts given as
            // addresses need neither: mapped where the request is, without two thread hand-overs.
            mapping = mapping.runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                    .ifNoItem().after(MAPPING_TIMEOUT).failWith(() -> new ProblemException(503, "Service Unavailable",
                            "Resolving the run's hosts took too long; try again"));
        }
        return mapping.chain(mapped -> key(mapped.metadata())
                        .chain(key -> data.prepare(key, mapped.points()).map(values -> new Pending(mapped, key, observer, values))));
    }

    private Uni<Void> reportRaw(RunReceipt receipt, String agent) {
        return "raw".equals(receipt.status())
                ? failures.record("pscheduler-run", 202, "malformed-result", agent, receipt.run(), receipt.problem())
                : Uni.createFrom().voidItem();
    }

    /**
     * Writes a batch of runs in one transaction: their documents in one statement (a run id recorded before, or
     * repeated in the batch, stores nothing again and is answered "duplicate"), then the values of the new ones
     * with their summaries merged per series. If the transaction fails, each run is written alone, so that one bad
     * run fails no other and each gets its own true answer.
     */
    Uni<List<Outcome<RunReceipt>>> writeBatch(List<Pending> batch) {
        return Uni.createFrom().deferred(() -> writeTogether(batch)).onFailure().recoverWithUni(e -> alone(batch));
    }

    private Uni<List<Outcome<RunReceipt>>> writeTogether(List<Pending> batch) {
        LOG.debugf("writing a batch of %d runs", batch.size());
        // Runs in one order in every batch (by id): two batches that share runs cannot wait on each other crosswise.
        Map<UUID, Pending> first = new TreeMap<>();
        for (Pending p : batch) {
            first.putIfAbsent(p.runId(), p);
        }
        List<PschedulerRunStore.RunRow> rows = first.values().stream().map(PschedulerRunService::row).toList();
        DataService.Batch values = data.batch(first.values().stream().map(Pending::values).toList());
        // The documents and the values go out together (one round trip less): a run stored before is rare (a retry),
        // and then the whole transaction rolls back and the runs are written one by one, which answers it truly.
        return pool.withTransaction(tx -> Uni.combine().all().unis(runs.insertNew(tx, rows), values.store(tx))
                        .with((fresh, none) -> fresh)
                        .invoke(fresh -> {
                            if (fresh.size() != rows.size()) {
                                throw new IllegalStateException("a run of the batch was stored before");
                            }
                        }))
                .map(done -> {
                    values.committed();
                    List<Outcome<RunReceipt>> receipts = new ArrayList<>(batch.size());
                    for (Pending p : batch) {
                        // Only the first of a repeated id was written; it and no other answers "stored".
                        receipts.add(Outcome.of(first.get(p.runId()) == p ? stored(p, p.values().size()) : duplicate(p)));
                    }
                    return receipts;
                });
    }

    /** The runs of a failed batch, each in its own transaction one after the other; a failure answers that run only. */
    private Uni<List<Outcome<RunReceipt>>> alone(List<Pending> batch) {
        return Multi.createFrom().iterable(batch)
                .onItem().transformToUniAndConcatenate(p -> write(p).map(Outcome::of)
                        .onFailure().recoverWithItem(Outcome::<RunReceipt>failed))
                .collect().asList();
    }

    private static RunReceipt stored(Pending p, int points) {
        return new RunReceipt(p.mapped().run().runId(), p.mapped().status(), p.key(), points, p.mapped().problem());
    }

    private static RunReceipt duplicate(Pending p) {
        return new RunReceipt(p.mapped().run().runId(), "duplicate", p.key(), 0, null);
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

    private Mapped convert(RunDocument run, EsmondRecord record, String status, String problem) {
        String text = record.metadata().toString();
        Parsed metadata = parsed.get(text);
        if (metadata == null) {
            NewMetadata fresh = MetadataParser.parse(record.metadata());
            metadata = new Parsed(fresh, fresh.checksum());
            parsed.put(text, metadata);
        }
        ObjectNode bulk = record.metadata().objectNode();
        bulk.putArray("data").addObject().put("ts", record.ts()).set("val", record.values());
        return new Mapped(run, metadata, DataParser.bulk(bulk), status, problem);
    }

    /**
     * Writes one run alone (after its batch failed): its document in the transaction of its values. A run recorded
     * before stores nothing; a run whose values another path stored (409, which counts as stored, as the esmond
     * archiver counts it) keeps its document.
     */
    private Uni<RunReceipt> write(Pending p) {
        boolean[] first = new boolean[1];
        return data.write(p.key(), p.mapped().points(), tx -> runs.insert(tx, row(p))
                        .invoke(inserted -> first[0] = inserted)
                        // Nothing else of the run may then be stored: fail its transaction (no other run's).
                        .chain(inserted -> inserted ? Uni.createFrom().voidItem()
                                : Uni.createFrom().failure(new ProblemException(409, "Conflict", "run stored before"))))
                .map(points -> stored(p, points))
                .onFailure(e -> e instanceof ProblemException pe && pe.status() == 409).recoverWithUni(e -> first[0]
                        // Its values were stored by the esmond archiver (or another path): keep the document.
                        ? runs.insert(pool, row(p)).map(inserted -> inserted ? stored(p, 0) : duplicate(p))
                        : Uni.createFrom().item(duplicate(p)));
    }

    /** The run's row in ps_pscheduler_run. */
    private static PschedulerRunStore.RunRow row(Pending p) {
        RunDocument run = p.mapped().run();
        return new PschedulerRunStore.RunRow(p.runId(), run.testType(), p.mapped().status(), p.key(), p.observer(),
                run.startSeconds(), run.document().toString());
    }

    private Uni<String> key(Parsed parsed) {
        String cached = keys.get(parsed.checksum());
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        return metadata.create(parsed.metadata()).map(created -> {
            keys.put(parsed.checksum(), created.key());
            return created.key();
        });
    }
}
