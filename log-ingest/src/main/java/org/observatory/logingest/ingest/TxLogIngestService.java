package org.observatory.logingest.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgException;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jboss.logging.Logger;
import org.observatory.common.problem.Problem;
import org.observatory.common.problem.ProblemException;
import org.observatory.logingest.common.LogIngestConfig;
import org.observatory.logingest.storage.StorageDialect;
import org.observatory.logingest.storage.StorageDialects;
import org.observatory.logingest.txlog.ParserLimits;
import org.observatory.logingest.txlog.Rejection;
import org.observatory.logingest.txlog.TxBlock;
import org.observatory.logingest.txlog.TxLogParser;

/**
 * Stores a TX log read from a stream: parse, enrich (client hash, location) and insert in batches through the
 * reactive client, one transaction for the whole request so that a failed request stores nothing. Runs on a
 * worker thread (it reads a blocking stream); while one batch is being inserted the next one is parsed.
 */
@ApplicationScoped
public class TxLogIngestService {

    private static final Logger LOG = Logger.getLogger(TxLogIngestService.class);
    private static final String MARK_DIRTY = """
            INSERT INTO log_dirty_hour (consumer, hour)
            SELECT c, h FROM unnest(ARRAY['rollup', 'stats']) AS c CROSS JOIN unnest($1::timestamptz[]) AS h
            ON CONFLICT (consumer, hour) DO UPDATE SET mark = excluded.mark""";

    private static final String DEADLOCK = "40P01";
    private static final String SERIALIZATION = "40001";

    private final Pool pool;
    private final ClientIdentity identity;
    private final GeoLocator geo;
    private final StorageDialects dialects;
    private final LogIngestConfig config;

    private final Counter storedCounter;
    private final Counter duplicateCounter;
    private final Counter rejectedCounter;

    public TxLogIngestService(Pool pool, ClientIdentity identity, GeoLocator geo, StorageDialects dialects,
                              LogIngestConfig config, MeterRegistry metrics) {
        this.storedCounter = metrics.counter("logingest.stream.transfers", "outcome", "stored");
        this.duplicateCounter = metrics.counter("logingest.stream.transfers", "outcome", "duplicate");
        this.rejectedCounter = metrics.counter("logingest.lines.rejected");
        this.pool = pool;
        this.identity = identity;
        this.geo = geo;
        this.dialects = dialects;
        this.config = config;
    }

    /**
     * Ingests one log. Blocking: call it on a worker thread.
     *
     * @throws ProblemException 400 unreadable body, 413 over a size limit, 415 unknown encoding, 422 when no
     *                          line could be used; nothing is stored in each case
     */
    public IngestReport ingest(InputStream raw, String contentEncoding) {
        StorageDialect dialect = dialects.current().await().indefinitely();
        LimitedInputStream body = new LimitedInputStream(raw, config.ingest().maxBodyBytes(), "request body");
        SqlConnection connection = pool.getConnection().await().indefinitely();
        Transaction transaction = null;
        try {
            InputStream text = new LimitedInputStream(BodyDecoder.decode(body, contentEncoding),
                    config.ingest().maxTextBytes(), "decompressed log");
            transaction = connection.begin().await().indefinitely();
            Run run = new Run(connection, dialect);
            ParserLimits limits = ParserLimits.at(Instant.now());
            limits = new ParserLimits(limits.earliest(), Instant.now().plus(config.ingest().futureTolerance()),
                    limits.maxBytesPerLine(), limits.maxLineLength());
            long lines = TxLogParser.parse(text, limits, run);
            run.finish();
            IngestReport report = run.report(lines);
            if (report.blocks() == 0) {
                throw nothingUsable(report);
            }
            transaction.commit().await().indefinitely();
            transaction = null;
            storedCounter.increment(report.streamsStored());
            duplicateCounter.increment(report.duplicates());
            rejectedCounter.increment(report.rejectedLines());
            return report;
        } catch (IOException e) {
            throw ProblemException.badRequest("The log could not be read: " + e.getMessage() + "; nothing was stored.");
        } catch (PgException e) {
            if (DEADLOCK.equals(e.getSqlState()) || SERIALIZATION.equals(e.getSqlState())) {
                // Two overlapping logs posted at once, in different block order: PostgreSQL broke the tie.
                throw new ProblemException(503, "Service Unavailable", "The log collided with a concurrent ingest of "
                        + "the same blocks; nothing was stored. Post it again.");
            }
            throw e;
        } finally {
            if (transaction != null) {
                rollback(transaction);
            }
            connection.close().await().indefinitely();
        }
    }

    private static ProblemException nothingUsable(IngestReport report) {
        if (report.rejectedLines() == 0) {
            return ProblemException.badRequest("The body holds no TX log block.");
        }
        List<Problem.FieldError> errors = report.rejections().stream()
                .map(r -> new Problem.FieldError("line " + r.line(), r.reason())).toList();
        return new ProblemException(422, "Unprocessable Content", "No block of the log could be used ("
                + report.rejectedLines() + " lines rejected); nothing was stored.", errors);
    }

    private static void rollback(Transaction transaction) {
        try {
            transaction.rollback().await().indefinitely();
        } catch (RuntimeException e) {
            LOG.debugf("Rollback after a failed ingest failed too: %s", e.getMessage());
        }
    }

    /** One request's state: the sink of the parser. */
    private final class Run implements TxLogParser.Sink {
        private final SqlConnection connection;
        private final StorageDialect dialect;
        private final Map<String, GeoLocator.Location> locations = new HashMap<>();
        private final List<Rejection> rejections = new ArrayList<>();
        private final Set<Instant> dirtyHours = new HashSet<>();
        private EventBatch batch = new EventBatch();
        private CompletableFuture<RowSet<Row>> pending;
        private Set<Instant> pendingHours = Set.of();
        private long blocks;
        private long streams;
        private long stored;
        private long blocksStored;
        private long rejected;

        Run(SqlConnection connection, StorageDialect dialect) {
            this.connection = connection;
            this.dialect = dialect;
        }

        @Override
        public void block(TxBlock block) {
            blocks++;
            streams += block.streams().size();
            if (block.streams().isEmpty()) {
                return;
            }
            GeoLocator.Location where = locations.computeIfAbsent(block.address(), geo::locate);
            batch.add(block, identity.blockKey(block), identity.clientHash(block.address()), where);
            // Batches end at block boundaries, so a block's rows are counted in one statement.
            if (batch.size() >= config.ingest().batchRows()) {
                flush();
            }
        }

        @Override
        public void rejected(Rejection rejection) {
            rejected++;
            if (rejections.size() < config.ingest().maxRejectionsListed()) {
                rejections.add(rejection);
            }
        }

        void finish() {
            flush();
            awaitPending();
            if (!dirtyHours.isEmpty()) {
                // Sorted: concurrent ingests then lock the marks in one order and cannot deadlock on them.
                Object[] hours = dirtyHours.stream().sorted().map(h -> h.atOffset(ZoneOffset.UTC))
                        .toArray(java.time.OffsetDateTime[]::new);
                connection.preparedQuery(MARK_DIRTY).execute(Tuple.of(hours)).await().indefinitely();
            }
        }

        private void flush() {
            if (batch.size() == 0) {
                return;
            }
            awaitPending();
            dialect.prepareMonths(batch.months()).await().indefinitely();
            pendingHours = batch.hours();
            pending = connection.preparedQuery(EventBatch.INSERT).execute(batch.tuple())
                    .subscribeAsCompletionStage();
            batch = new EventBatch();
        }

        private void awaitPending() {
            if (pending == null) {
                return;
            }
            RowSet<Row> result;
            try {
                result = pending.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            } finally {
                pending = null;
            }
            Row row = result.iterator().next();
            long rows = row.getLong(0);
            stored += rows;
            blocksStored += row.getLong(1);
            if (rows > 0) {
                dirtyHours.addAll(pendingHours);
            }
        }

        IngestReport report(long lines) {
            return new IngestReport(lines, blocks, blocksStored, streams, stored, streams - stored,
                    rejected, rejected > rejections.size(), List.copyOf(rejections));
        }
    }
}
