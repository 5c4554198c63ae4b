package org.observatory.ixp.imports;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import org.observatory.common.lock.JobLock;
import org.observatory.common.problem.ProblemException;
import org.observatory.ixp.IxpConfig;
import org.observatory.ixp.common.Laps;
import org.observatory.ixp.common.Locks;
import org.observatory.ixp.common.SourceFetcher.SourceUnavailableException;
import org.observatory.ixp.membership.HistoryStore;
import org.observatory.ixp.peeringdb.MalformedDumpException;
import org.observatory.ixp.peeringdb.PeeringDbApiClient;
import org.observatory.ixp.peeringdb.PeeringDbApiClient.PeeringDbUnavailableException;
import org.observatory.ixp.peeringdb.PeeringDbArchive;
import org.observatory.ixp.peeringdb.PeeringDbJsonReader;
import org.observatory.ixp.peeringdb.PeeringDbSnapshot;
import org.observatory.ixp.registry.AsnRegistryService;
import org.observatory.ixp.snapshot.MonthSnapshot;
import org.observatory.ixp.snapshot.SnapshotAssembler;
import org.observatory.ixp.stats.StatsGenerationStore;

/**
 * Imports one month of PeeringDB: from the live API, from the CAIDA archive, or from an uploaded dump. A
 * month's writes (snapshot, derived periods, and the statistics of the months the change can reach: see
 * {@link StatsGenerationStore#regenerateAfterImport}) are one transaction; the run
 * row outside it records progress and the outcome. One import runs at a time across replicas.
 */
@ApplicationScoped
public class ImportService {

    private static final Logger LOG = Logger.getLogger(ImportService.class);

    private final Pool pool;
    private final JobLock lock;
    private final ImportRunStore runs;
    private final HistoryStore history;
    private final StatsGenerationStore stats;
    private final PeeringDbArchive archive;
    private final PeeringDbApiClient api;
    private final AsnRegistryService registry;
    private final ObjectMapper mapper;
    private final boolean incremental;

    public ImportService(Pool pool, JobLock lock, ImportRunStore runs, HistoryStore history,
            StatsGenerationStore stats, PeeringDbArchive archive, PeeringDbApiClient api, AsnRegistryService registry,
            ObjectMapper mapper, IxpConfig config) {
        this.pool = pool;
        this.lock = lock;
        this.runs = runs;
        this.history = history;
        this.stats = stats;
        this.archive = archive;
        this.api = api;
        this.registry = registry;
        this.mapper = mapper;
        this.incremental = config.peeringdb().incremental();
    }

    /** What a source delivered for a month. */
    private record Fetched(LocalDate month, LocalDate sourceDay, String source, PeeringDbSnapshot parsed,
            Set<Long> knownIxps, Integer requests, Integer retries) {
    }

    private record Assembled(Fetched fetched, MonthSnapshot snapshot) {
    }

    /** Backfills {@code month} from the archive's earliest dump of that month. */
    public Uni<ImportRun> importArchiveMonth(LocalDate month, String requestedBy, boolean wait) {
        return run("archive", month, requestedBy, wait, id -> runs.progress(id, "fetching", "earliest dump of " + month)
                .chain(() -> archive.earliestDump(month))
                .chain(found -> {
                    if (found.isEmpty()) {
                        throw new ImportFailedException(id, ImportFailedException.Cause.NOT_FOUND,
                                "the archive has no dump for any day of " + month.toString().substring(0, 7)
                                        + " (first tried " + archive.locationOf(month) + ")");
                    }
                    PeeringDbArchive.Dump dump = found.get();
                    return runs.setSource(id, dump.location(), null)
                            .chain(() -> runs.progress(id, "parsing", dump.bytes().length + " bytes from " + dump.day()))
                            .chain(() -> parse(dump.bytes()))
                            .map(parsed -> new Fetched(month, dump.day(), dump.location(), parsed, Set.of(), null, null));
                }));
    }

    /** Imports an uploaded dump (CAIDA layout, JSON or Python literal) as {@code month}. */
    public Uni<ImportRun> importUpload(LocalDate month, byte[] body, String requestedBy, boolean wait) {
        return run("upload", month, requestedBy, wait, id -> runs.setSource(id, "upload", null)
                .chain(() -> runs.progress(id, "parsing", body.length + " bytes"))
                .chain(() -> parse(body))
                .map(parsed -> new Fetched(month, null, "upload", parsed, Set.of(), null, null)));
    }

    /**
     * Imports the current state of PeeringDB as this month. {@code ix} and {@code net} are fetched
     * incrementally ({@code updated__gte} the day of the last successful API import) and merged into what is
     * stored; {@code netixlan} is always fetched whole, since a row's absence is what tells that a network left.
     */
    public Uni<ImportRun> importFromApi(String requestedBy, boolean wait) {
        LocalDate month = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1);
        return run("api", month, requestedBy, wait, id -> runs.lastSuccessfulApiDay().chain(last -> {
            LocalDate since = incremental ? last.orElse(null) : null;
            PeeringDbJsonReader reader = PeeringDbJsonReader.forResponses(mapper);
            PeeringDbApiClient.Counters counters = new PeeringDbApiClient.Counters();
            return runs.setSource(id, "peeringdb api" + (since == null ? "" : " (ix, net changed since " + since + ")"), null)
                    .chain(() -> runs.progress(id, "fetching", "ix"))
                    .chain(() -> api.fetchAll("ix", since, reader, counters))
                    .chain(n -> runs.progress(id, "fetching", n + " ix; net"))
                    .chain(() -> api.fetchAll("net", since, reader, counters))
                    .chain(n -> runs.progress(id, "fetching", n + " net; netixlan"))
                    .chain(() -> api.fetchAll("netixlan", null, reader, counters))
                    .chain(n -> runs.progress(id, "parsing", n + " netixlan"))
                    .chain(() -> since == null ? Uni.createFrom().item(Set.<Long>of()) : history.storedIxpIds())
                    .emitOn(Infrastructure.getDefaultWorkerPool())
                    .map(known -> new Fetched(month, LocalDate.now(ZoneOffset.UTC), "peeringdb api", reader.finish(),
                            known, counters.requests.get(), counters.retries.get()));
        }));
    }

    /** Recomputes the statistics of the given months from the stored history. */
    public Uni<Integer> generateStatistics(List<LocalDate> months) {
        return exclusively(() -> pool.withTransaction(conn -> stats.generate(conn, months, new Laps())).replaceWith(months.size()));
    }

    private <T> Uni<T> exclusively(Supplier<Uni<T>> job) {
        return lock.runExclusively(Locks.HISTORY, job).map(done -> done.orElseThrow(
                () -> ProblemException.conflict("another import or statistics run is in progress; try again later")));
    }

    private Uni<PeeringDbSnapshot> parse(byte[] bytes) {
        return Uni.createFrom().item(() -> PeeringDbJsonReader.readDump(mapper, bytes))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /**
     * Runs an import under the lock. With {@code wait} the answer is the finished run; without, it is the
     * run as soon as it is started, and the import goes on in the background.
     */
    private Uni<ImportRun> run(String kind, LocalDate month, String requestedBy, boolean wait,
            Function<Long, Uni<Fetched>> fetch) {
        CompletableFuture<Long> started = new CompletableFuture<>();
        Uni<Long> whole = lock.runExclusively(Locks.HISTORY, () -> runs.start(kind, month, null, requestedBy)
                        .invoke(started::complete)
                        .chain(id -> execute(id, fetch).replaceWith(id)))
                .map(done -> done.orElseThrow(() -> ProblemException.conflict(
                        "another import or statistics run is in progress; try again later")))
                .onFailure().invoke(e -> started.completeExceptionally(e));
        if (wait) {
            return whole.chain(id -> runs.find(id)).map(found -> found.orElseThrow());
        }
        whole.subscribe().with(id -> { }, e -> LOG.debugf("background import ended: %s", e.getMessage()));
        return Uni.createFrom().completionStage(started).chain(id -> runs.find(id)).map(found -> found.orElseThrow());
    }

    private Uni<Void> execute(long id, Function<Long, Uni<Fetched>> fetch) {
        Laps laps = new Laps();
        return registry.ensureLoaded()
                .chain(() -> fetch.apply(id))
                .invoke(() -> laps.lap("fetch_and_parse"))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(f -> new Assembled(f, SnapshotAssembler.assemble(f.month(), f.parsed(), f.knownIxps())))
                .chain(assembled -> {
                    Fetched f = assembled.fetched();
                    MonthSnapshot snapshot = assembled.snapshot();
                    laps.lap("assemble");
                    List<LocalDate> statsMonths = new ArrayList<>();
                    return runs.progress(id, "writing", snapshot.memberships().size() + " memberships, "
                                    + snapshot.skipped().size() + " skipped")
                            .chain(() -> pool.withTransaction(conn -> history.store(conn, snapshot, f.source(), f.sourceDay(), laps)
                                    .chain(changed -> stats.regenerateAfterImport(conn, snapshot.month(), changed, laps))
                                    .invoke(statsMonths::addAll)))
                            .invoke(() -> laps.lap("commit"))
                            .chain(() -> runs.finish(id, "succeeded", ImportReport.of(snapshot, f.sourceDay(), f.source(),
                                    f.requests(), f.retries(), laps.ordered(), statsMonths.size()), null));
                })
                .invoke(() -> LOG.infof("import run %d succeeded: %s", id, laps.ordered()))
                .onFailure().recoverWithUni(e -> {
                    ImportFailedException failure = classify(id, e);
                    LOG.warnf("import run %d failed: %s", id, failure.getMessage());
                    return runs.finish(id, "failed", null, failure.getMessage())
                            .chain(() -> Uni.createFrom().failure(failure));
                });
    }

    private static ImportFailedException classify(long id, Throwable e) {
        if (e instanceof ImportFailedException failed) {
            return failed;
        }
        if (e instanceof MalformedDumpException) {
            return new ImportFailedException(id, ImportFailedException.Cause.BAD_INPUT, e.getMessage());
        }
        if (e instanceof SourceUnavailableException || e instanceof PeeringDbUnavailableException) {
            return new ImportFailedException(id, ImportFailedException.Cause.SOURCE_UNAVAILABLE, e.getMessage());
        }
        LOG.error("import run " + id + " failed unexpectedly", e);
        return new ImportFailedException(id, ImportFailedException.Cause.INTERNAL,
                e.getClass().getSimpleName() + ": " + e.getMessage());
    }
}
