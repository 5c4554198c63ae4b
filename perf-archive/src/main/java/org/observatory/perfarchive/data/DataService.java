package org.observatory.perfarchive.data;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.Comparator;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.observatory.common.db.PgErrors;
import org.observatory.common.problem.ProblemException;
import org.observatory.perfarchive.data.ValueStore.JsonRow;
import org.observatory.perfarchive.data.ValueStore.SeriesTs;
import org.observatory.perfarchive.eventtype.DataType;
import org.observatory.perfarchive.eventtype.SummaryType;
import org.observatory.perfarchive.metadata.Series;
import org.observatory.perfarchive.storage.PartitionKey;
import org.observatory.perfarchive.storage.RetentionPolicy;
import org.observatory.perfarchive.storage.Storage;
import org.observatory.perfarchive.summary.HistogramStatistics;
import org.observatory.perfarchive.summary.HistogramText;
import org.observatory.perfarchive.summary.SummaryCalculator;
import org.observatory.perfarchive.summary.SummaryDelta;

/**
 * Stores points of one metadata and keeps their summaries current, in one transaction per request: a 409
 * or any failure leaves nothing behind.
 */
@ApplicationScoped
public class DataService {

    private final Pool pool;
    private final SeriesCache targets;
    private final ValueStore values;
    private final Storage storage;
    private final RetentionPolicy retention;
    private final SeriesTouches touches = new SeriesTouches();

    public DataService(Pool pool, SeriesCache targets, ValueStore values, Storage storage,
                       RetentionPolicy retention) {
        this.pool = pool;
        this.targets = targets;
        this.values = values;
        this.storage = storage;
        this.retention = retention;
    }

    /** Stores the points under the metadata {@code key}; answers how many points were stored. */
    public Uni<Integer> write(String key, List<Point> points) {
        return write(key, points, null);
    }

    /**
     * Stores the points under the metadata {@code key}, and runs {@code alongside} (if any) in the same transaction,
     * pipelined with the points' statements: what it writes commits with the points or not at all, and a failure
     * of it rolls the points back. Answers how many points were stored.
     */
    public Uni<Integer> write(String key, List<Point> points, Function<SqlClient, Uni<Void>> alongside) {
        if (points.isEmpty()) {
            return targets.get(key).chain(() -> alongside == null ? Uni.createFrom().voidItem() : alongside.apply(pool))
                    .replaceWith(0);
        }
        return prepare(key, points).chain(prepared -> {
            List<Prepared> one = List.of(prepared);
            Touch touch = touch(one);
            return pool.withTransaction(tx -> store(tx, one, false, touch.series, alongside))
                    // Rare: a point sent again replaces the stored one, with statements that cost more.
                    .onFailure(Resent.class).recoverWithUni(() -> pool.withTransaction(tx -> store(tx, one, true, touch.series, alongside)))
                    .onFailure(StoredBefore.class).recoverWithUni(() -> conflict(points, prepared.index))
                    .invoke(touch::done)
                    .replaceWith(points.size());
        });
    }

    /**
     * Checks the points of one metadata (retention) and makes sure their series and partitions exist, outside any
     * transaction: what {@link #batch} then stores with the points of other writes. A 404 problem for an unknown key.
     */
    public Uni<Prepared> prepare(String key, List<Point> points) {
        checkRetention(points);
        return targets.get(key).chain(target -> {
            Set<String> eventTypes = points.stream().map(Point::eventType).collect(Collectors.toCollection(LinkedHashSet::new));
            List<String> undeclared = eventTypes.stream().filter(e -> !target.series().has(e)).toList();
            return undeclared.isEmpty() ? Uni.createFrom().item(target)
                    // pscheduler sends event types its metadata never declared; esmond stores them (base only).
                    : targets.addBaseSeries(key, target, undeclared);
        }).chain(t -> storage.dialect()
                .chain(dialect -> dialect.ensurePartitions(partitions(points, t.series())))
                .replaceWith(new Prepared(t.metadataId(), points, t.series())));
    }

    /** The points of one metadata with the series they go to, checked and ready to be stored in a batch. */
    public static final class Prepared {
        final long metadataId;
        final List<Point> points;
        final SeriesIndex index;

        Prepared(long metadataId, List<Point> points, SeriesIndex index) {
            this.metadataId = metadataId;
            this.points = points;
            this.index = index;
        }

        public int size() {
            return points.size();
        }
    }

    /**
     * The writes of many requests as one: {@link Batch#store} writes all of them in a transaction the caller owns,
     * with one statement per kind of row, their summaries merged per series first.
     */
    public Batch batch(List<Prepared> writes) {
        return new Batch(writes, touch(writes));
    }

    /** Writes stored together; see {@link #batch}. */
    public final class Batch {
        private final List<Prepared> writes;
        private final Touch touch;

        private Batch(List<Prepared> writes, Touch touch) {
            this.writes = writes;
            this.touch = touch;
        }

        /**
         * Stores the writes in {@code tx} with plain inserts: a point that is stored already (or repeated by two writes
         * of the batch, for integer, float and percentage types) fails the transaction, and the caller stores the
         * writes one by one with {@link #write}, which gives each its own answer. Of histogram, subinterval and json
         * points repeated in the batch the last one is stored, as if the writes had come one after the other.
         */
        public Uni<Void> store(SqlClient tx) {
            return DataService.this.store(tx, writes, false, touch.series, null)
                    .onFailure(StoredBefore.class).transform(e -> ProblemException.conflict("A point of the batch is stored already"))
                    .onFailure(Resent.class).transform(e -> ProblemException.conflict("A point of the batch is stored already"))
                    .replaceWithVoid();
        }

        /** After the commit: the series' update times are set for this second. */
        public void committed() {
            touch.done();
        }
    }

    /** The series whose update time a write sets, and the second it sets them in. */
    private final class Touch {
        // The transaction's now() is no earlier than this second: what done() records is never ahead.
        final long second = Instant.now().getEpochSecond();
        final Set<Long> series;

        Touch(Set<Long> all) {
            series = touches.due(all, second);
        }

        void done() {
            touches.done(series, second);
        }
    }

    private Touch touch(List<Prepared> writes) {
        Set<Long> all = new HashSet<>();
        for (Prepared w : writes) {
            all.addAll(touched(w.points.stream().map(Point::eventType).collect(Collectors.toSet()), w.index));
        }
        return new Touch(all);
    }

    private void checkRetention(List<Point> points) {
        Instant now = Instant.now();
        Map<String, Long> horizons = new HashMap<>();
        for (Point p : points) {
            long horizon = horizons.computeIfAbsent(p.eventType(),
                    type -> retention.horizon(type, now).map(Instant::getEpochSecond).orElse(Long.MIN_VALUE));
            if (p.ts() < horizon) {
                throw ProblemException.invalidField("ts", "point at " + p.ts() + " is older than the "
                        + retention.days(p.eventType()) + " days " + p.eventType() + " is kept");
            }
        }
    }

    private static Set<PartitionKey> partitions(List<Point> points, SeriesIndex index) {
        Set<PartitionKey> keys = new HashSet<>();
        for (Point p : points) {
            keys.add(PartitionKey.of(p.eventType(), p.ts()));
            for (Series s : index.summaries(p.eventType())) {
                keys.add(PartitionKey.of(p.eventType(), SummaryCalculator.bucket(p.ts(), s.window())));
            }
        }
        return keys;
    }

    /** A point with the series index of its metadata. */
    private record Located(Point point, long metadataId, SeriesIndex index) {
    }

    /**
     * Writes the points of the writes and their summaries in the transaction {@code tx}. Unless {@code resent}, the
     * points' rows are plain inserts and a histogram, subinterval or json point stored before fails it with
     * {@link Resent}. Rows go out ordered by (series, ts), so that two transactions lock shared rows in one order.
     */
    private Uni<Integer> store(SqlClient tx, List<Prepared> writes, boolean resent, Set<Long> touch,
                               Function<SqlClient, Uni<Void>> alongside) {
        List<Long> immutableSeries = new ArrayList<>();
        List<Point> immutable = new ArrayList<>();
        // Documents are replaced by a re-sent point: the last one of a request (or batch) wins.
        Map<SeriesTs, Located> documents = new TreeMap<>(SERIES_TS);
        int count = 0;
        List<Located> numeric = new ArrayList<>();
        for (Prepared w : writes) {
            count += w.points.size();
            for (Point p : w.points) {
                long series = w.index.base(p.eventType()).id();
                if (p.dataType().rejectsDuplicateTs()) {
                    numeric.add(new Located(p, w.metadataId, w.index));
                } else {
                    documents.put(new SeriesTs(series, p.ts()), new Located(p, w.metadataId, w.index));
                }
            }
        }
        numeric.sort(Comparator.comparingLong((Located l) -> l.index.base(l.point.eventType()).id()).thenComparingLong(l -> l.point.ts()));
        for (Located l : numeric) {
            immutableSeries.add(l.index.base(l.point.eventType()).id());
            immutable.add(l.point);
        }
        // Independent statements go out together (the connection pipelines them); a 409 rolls all of it back.
        // The series touch is among them: its row locks last only until this short transaction commits, and a
        // concurrent writer of the same series skips them rather than wait (see ValueStore.touch).
        // What runs alongside goes first: a retried run's document insert finds it before anything else is locked.
        int stored = count;
        return Uni.combine().all().unis(alongside == null ? Uni.createFrom().voidItem() : alongside.apply(tx),
                        insertImmutable(tx, immutableSeries, immutable), previousHistograms(tx, documents), values.touch(tx, touch))
                .with((along, inserted, previous, touched) -> previous)
                .chain(previous -> summarise(tx, numeric, documents, previous, resent))
                .replaceWith(stored);
    }

    private static final Comparator<SeriesTs> SERIES_TS = Comparator.comparingLong(SeriesTs::seriesId).thenComparingLong(SeriesTs::ts);

    /**
     * Inserts integer, float and percentage points; fails with {@link StoredBefore} when any of them (series, ts)
     * is stored already or repeated in the request, which esmond answers with 409.
     */
    private Uni<Void> insertImmutable(SqlClient tx, List<Long> series, List<Point> points) {
        if (points.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return values.insertImmutable(tx, series, points)
                .onFailure(PgErrors::isUniqueViolation).transform(e -> new StoredBefore());
    }

    /** The 409 after the transaction rolled back: names the first point repeated in the request or stored before. */
    private Uni<Integer> conflict(List<Point> points, SeriesIndex index) {
        List<Point> immutable = points.stream().filter(p -> p.dataType().rejectsDuplicateTs()).toList();
        List<Long> series = immutable.stream().map(p -> index.base(p.eventType()).id()).toList();
        Set<SeriesTs> seen = new HashSet<>();
        for (int i = 0; i < immutable.size(); i++) {
            if (!seen.add(new SeriesTs(series.get(i), immutable.get(i).ts()))) {
                return Uni.createFrom().failure(alreadyStored(immutable.get(i)));
            }
        }
        return values.firstStored(pool, series, immutable).map(i -> {
            throw i.isPresent() ? alreadyStored(immutable.get(i.getAsInt()))
                    : ProblemException.conflict("A point of this request was stored by another request meanwhile");
        });
    }

    private static ProblemException alreadyStored(Point p) {
        return ProblemException.conflict("A " + p.eventType() + " point at ts " + p.ts() + " is already stored");
    }

    /** An immutable point of the request is stored already: the transaction must roll back before the 409. */
    private static final class StoredBefore extends RuntimeException {
        StoredBefore() {
            super("an immutable point is stored already", null, false, false);
        }
    }

    /** A histogram, subinterval or json point of the request is stored already: write again, replacing. */
    private static final class Resent extends RuntimeException {
        Resent() {
            super("a document point is stored already", null, false, false);
        }
    }

    /**
     * Histograms that these points replace (a summary must subtract them) and the stored summary buckets of
     * histogram series they change, read under the base series' lock: the caller merges the buckets itself.
     */
    private Uni<Map<SeriesTs, Map<String, Long>>> previousHistograms(SqlClient tx, Map<SeriesTs, Located> documents) {
        Set<Long> lock = new HashSet<>();
        Set<SeriesTs> keys = new LinkedHashSet<>();
        Set<String> eventTypes = new HashSet<>();
        documents.forEach((at, located) -> {
            Point p = located.point;
            SeriesIndex index = located.index;
            List<Series> summaries = index.summaries(p.eventType());
            if (p.dataType() == DataType.HISTOGRAM && !summaries.isEmpty()) {
                lock.add(at.seriesId());
                keys.add(at);
                eventTypes.add(p.eventType());
                for (Series s : summaries) {
                    if (mergesHistogram(s)) {
                        keys.add(new SeriesTs(index.histogramSeries(s), SummaryCalculator.bucket(p.ts(), s.window())));
                    }
                }
            }
        });
        if (lock.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<Long> series = new ArrayList<>(keys.size());
        List<Long> ts = new ArrayList<>(keys.size());
        for (SeriesTs k : keys) {
            series.add(k.seriesId());
            ts.add(k.ts());
        }
        return values.lockAndReadHistograms(tx, lock, series, ts, eventTypes);
    }

    /** Window 0 statistics are the point alone; every other histogram summary merges points into a bucket. */
    private static boolean mergesHistogram(Series s) {
        return !(s.summaryType() == SummaryType.STATISTICS && s.window() == 0);
    }

    private Uni<Void> summarise(SqlClient tx, List<Located> immutable, Map<SeriesTs, Located> documents,
                                Map<SeriesTs, Map<String, Long>> stored, boolean resent) {
        // One calculator per metadata: the points of many runs of a series merge into one delta per bucket.
        Map<Long, SummaryCalculator> calculators = new LinkedHashMap<>();
        Map<Long, SeriesIndex> indexes = new HashMap<>();
        // Rows of the points themselves (and their window-0 statistics), new unless resent, and summary buckets.
        List<JsonRow> json = new ArrayList<>();
        List<JsonRow> buckets = new ArrayList<>();
        documents.forEach((at, l) -> json.add(new JsonRow(at.seriesId(), l.point.eventType(), l.point.ts(), l.point.value().json(), null)));
        for (Located l : immutable) {
            calculator(calculators, indexes, l).add(l.point, l.index.summaries(l.point.eventType()), null);
        }
        documents.forEach((at, l) -> {
            Point p = l.point;
            List<Series> summaries = l.index.summaries(p.eventType());
            if (p.dataType() != DataType.HISTOGRAM || summaries.isEmpty()) {
                return;
            }
            List<Series> merged = new ArrayList<>();
            for (Series s : summaries) {
                if (!mergesHistogram(s)) {
                    // Window 0 is the point alone: its statistics replace, nothing to merge or subtract.
                    json.add(new JsonRow(s.id(), p.eventType(), p.ts(), null, HistogramStatistics.json(p.value().histogram())));
                } else {
                    merged.add(s);
                }
            }
            calculator(calculators, indexes, l).add(p, merged, stored.get(at));
        });
        List<SummaryDelta> sums = new ArrayList<>();
        // A window's merged histogram, by the (series, bucket) that keeps it: aggregation and statistics share it.
        Map<SeriesTs, Map<String, Long>> merged = new HashMap<>();
        calculators.forEach((metadataId, calculator) -> {
            SeriesIndex index = indexes.get(metadataId);
            for (SummaryDelta d : calculator.deltas()) {
                if (d.histogram() == null) {
                    sums.add(d);
                    continue;
                }
                Series s = index.byId(d.seriesId());
                SeriesTs holder = new SeriesTs(index.histogramSeries(s), d.ts());
                // Merged with the stored bucket, read under the series lock.
                Map<String, Long> bucket = merged.computeIfAbsent(holder,
                        at -> HistogramText.merge(stored.getOrDefault(at, Map.of()), d.histogram()));
                buckets.add(new JsonRow(s.id(), d.eventType(), d.ts(),
                        holder.seriesId() == s.id() ? HistogramText.json(bucket) : null,
                        s.summaryType() == SummaryType.STATISTICS ? HistogramStatistics.json(bucket) : null));
            }
        });
        json.sort(JSON_ROW);
        buckets.sort(JSON_ROW);
        sums.sort(Comparator.comparingLong(SummaryDelta::seriesId).thenComparingLong(SummaryDelta::ts));
        Uni<Void> pointRows = resent ? values.upsertJson(tx, json)
                : values.insertJson(tx, json).onFailure(PgErrors::isUniqueViolation).transform(e -> new Resent());
        return Uni.combine().all().unis(pointRows, values.upsertJson(tx, buckets), values.addToSummaries(tx, sums)).discardItems();
    }

    private static SummaryCalculator calculator(Map<Long, SummaryCalculator> calculators, Map<Long, SeriesIndex> indexes, Located l) {
        indexes.putIfAbsent(l.metadataId, l.index);
        return calculators.computeIfAbsent(l.metadataId, k -> new SummaryCalculator());
    }

    private static final Comparator<JsonRow> JSON_ROW = Comparator.comparingLong(JsonRow::seriesId).thenComparingLong(JsonRow::ts);

    private static Set<Long> touched(Set<String> eventTypes, SeriesIndex index) {
        Set<Long> ids = new HashSet<>();
        for (String eventType : eventTypes) {
            ids.add(index.base(eventType).id());
            index.summaries(eventType).forEach(s -> ids.add(s.id()));
        }
        return ids;
    }
}
