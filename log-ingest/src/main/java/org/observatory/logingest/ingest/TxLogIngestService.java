package org.observatory.logingest.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPInputStream;
import org.jboss.logging.Logger;
import org.observatory.common.db.PgErrors;
import org.observatory.common.problem.Problem;
import org.observatory.common.problem.ProblemException;
import org.observatory.logingest.common.LogIngestConfig;
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

    private static final Duration CLEANUP = Duration.ofSeconds(10);

    private final Pool pool;
    private final ClientIdentity identity;
    private final ClientLocator geo;
    private final LogIngestConfig config;
    private final ObjectMapper json;

    private final Counter storedCounter;
    private final Counter duplicateCounter;
    private final Counter rejectedCounter;

    public TxLogIngestService(Pool pool, ClientIdentity identity, ClientLocator geo, LogIngestConfig config,
                              MeterRegistry metrics, ObjectMapper json) {
        this.json = json;
        this.storedCounter = metrics.counter("logingest.stream.transfers", "outcome", "stored");
        this.duplicateCounter = metrics.counter("logingest.stream.transfers", "outcome", "duplicate");
        this.rejectedCounter = metrics.counter("logingest.lines.rejected");
        this.pool = pool;
        this.identity = identity;
        this.geo = geo;
        this.config = config;
    }

    /**
     * Ingests one log. Blocking: call it on a worker thread. Every wait is bounded by the request's deadline
     * ({@code logs.ingest.deadline}); the database sessions carry lock, statement and idle-in-transaction timeouts
     * (application.properties), so no request can hang or hold locks for long.
     *
     * @throws ProblemException 400 unreadable body, 413 over a size limit (body, decompressed text, compression
     *                          ratio, lines without a record), 415 unknown encoding, 422 when no
     *                          line could be used, 503 (with Retry-After) when the deadline or a database timeout
     *                          expired or a concurrent ingest collided; nothing is stored in each case
     */
    public IngestReport ingest(InputStream raw, String contentEncoding) {
        Deadline deadline = new Deadline(config.ingest().deadline());
        LimitedInputStream body = new LimitedInputStream(raw, config.ingest().maxBodyBytes(), "request body");
        SqlConnection connection;
        try {
            connection = deadline.await(pool.getConnection());
        } catch (Deadline.Expired e) {
            throw unavailable("No database connection was free within " + config.ingest().deadline() + "; nothing was stored.");
        }
        Transaction transaction = null;
        DecompressionGuard text = null;
        try {
            InputStream decoded = BodyDecoder.decode(body, contentEncoding);
            text = new DecompressionGuard(decoded, body, decoded instanceof GZIPInputStream,
                    config.ingest().maxTextBytes(), config.ingest().maxCompressionRatio());
            transaction = deadline.await(connection.begin());
            Run run = new Run(connection, deadline);
            Instant now = Instant.now();
            ParserLimits limits = ParserLimits.at(now).within(
                    now.minus(config.retention().rawData()).plus(config.retention().ingestMargin()),
                    now.plus(config.ingest().futureTolerance())).withMaxUnusableLines(config.ingest().maxUnusableLines());
            long lines = TxLogParser.parse(json, text, limits, run);
            run.finish();
            IngestReport report = run.report(lines);
            if (report.blocks() == 0 && report.skippedRecords() == 0) {
                throw nothingUsable(report);
            }
            deadline.await(transaction.commit());
            transaction = null;
            storedCounter.increment(report.streamsStored());
            duplicateCounter.increment(report.duplicates());
            rejectedCounter.increment(report.rejectedLines());
            return report;
        } catch (TxLogParser.TooManyUnusableLines e) {
            // Blank or rejected lines cost parsing but store nothing: a log of little else is refused early.
            throw new ProblemException(413, "Payload Too Large", "The log holds more than " + e.limit()
                    + " lines without a record (blank or rejected lines); refused after " + text.count()
                    + " decompressed bytes, nothing was stored.");
        } catch (IOException e) {
            throw ProblemException.badRequest("The log could not be read: " + e.getMessage() + "; nothing was stored.");
        } catch (Deadline.Expired e) {
            throw unavailable("The log was not stored within " + config.ingest().deadline() + "; nothing was stored.");
        } catch (PgException e) {
            if (PgErrors.isConflict(e)) {
                // Two overlapping logs posted at once, in different block order: PostgreSQL broke the tie.
                throw unavailable("The log collided with a concurrent ingest of the same blocks; nothing was stored.");
            }
            if (PgErrors.isTimeout(e)) {
                throw unavailable("The database is busy (" + e.getErrorMessage() + "); nothing was stored.");
            }
            throw e;
        } catch (ClosedConnectionException e) {
            // idle_in_transaction_session_timeout ends the session: the client sent too slowly.
            throw unavailable("The database session ended before the log was stored; nothing was stored.");
        } finally {
            if (transaction != null) {
                rollback(transaction);
            }
            try {
                connection.close().await().atMost(CLEANUP);
            } catch (RuntimeException e) {
                LOG.debugf("Closing an ingest connection failed: %s", e.getMessage());
            }
        }
    }

    private ProblemException unavailable(String detail) {
        return ProblemException.unavailable(detail + " Post it again later.", config.ingest().retryAfter());
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
            transaction.rollback().await().atMost(CLEANUP);
        } catch (RuntimeException e) {
            LOG.debugf("Rollback after a failed ingest failed too: %s", e.getMessage());
        }
    }

    /** One request's state: the sink of the parser. */
    private final class Run implements TxLogParser.Sink {
        private final SqlConnection connection;
        private final Deadline deadline;
        private final Map<String, ClientLocator.Location> locations = new HashMap<>();
        private final List<Rejection> rejections = new ArrayList<>();
        private final List<Rejection> skips = new ArrayList<>();
        private long skipped;
        private final Set<Instant> dirtyHours = new HashSet<>();
        private EventBatch batch = new EventBatch();
        private CompletableFuture<RowSet<Row>> pending;
        private Set<Instant> pendingHours = Set.of();
        private long blocks;
        private long streams;
        private long stored;
        private long blocksStored;
        private long rejected;

        Run(SqlConnection connection, Deadline deadline) {
            this.connection = connection;
            this.deadline = deadline;
        }

        @Override
        public void block(TxBlock block) {
            deadline.check();
            blocks++;
            streams += block.streams().size();
            if (block.streams().isEmpty()) {
                return;
            }
            ClientLocator.Location where = locations.computeIfAbsent(block.address(), geo::locate);
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

        @Override
        public void skipped(Rejection skip) {
            skipped++;
            if (skips.size() < config.ingest().maxRejectionsListed()) {
                skips.add(skip);
            }
        }

        void finish() {
            flush();
            awaitPending();
            if (!dirtyHours.isEmpty()) {
                // Sorted: concurrent ingests then lock the marks in one order and cannot deadlock on them.
                Object[] hours = dirtyHours.stream().sorted().map(h -> h.atOffset(ZoneOffset.UTC))
                        .toArray(java.time.OffsetDateTime[]::new);
                deadline.await(connection.preparedQuery(MARK_DIRTY).execute(Tuple.of(hours)));
            }
        }

        private void flush() {
            if (batch.size() == 0) {
                return;
            }
            awaitPending();
            // No DDL here: every month has a partition made ahead by StorageJobs, or rows go to the default partition.
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
                result = deadline.join(pending);
            } finally {
                pending = null;
            }
            Row row = result.iterator().next();
            long rows = row.getLong("stream_rows");
            stored += rows;
            blocksStored += row.getLong("blocks");
            if (rows > 0) {
                dirtyHours.addAll(pendingHours);
            }
        }

        IngestReport report(long lines) {
            return new IngestReport(lines, blocks, blocksStored, streams, stored, streams - stored,
                    rejected, rejected > rejections.size(), List.copyOf(rejections), skipped, List.copyOf(skips));
        }
    }
}
