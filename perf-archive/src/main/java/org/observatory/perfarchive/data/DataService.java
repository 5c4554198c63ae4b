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
import java.util.stream.Collectors;
import org.observatory.common.problem.ProblemException;
import org.observatory.perfarchive.data.ValueRepository.SeriesTs;
import org.observatory.perfarchive.eventtype.DataType;
import org.observatory.perfarchive.eventtype.SummaryType;
import org.observatory.perfarchive.metadata.MetadataRepository;
import org.observatory.perfarchive.metadata.Series;
import org.observatory.perfarchive.storage.PartitionKey;
import org.observatory.perfarchive.storage.RetentionPolicy;
import org.observatory.perfarchive.storage.Storage;
import org.observatory.perfarchive.summary.HistogramStatistics;
import org.observatory.perfarchive.summary.SummaryCalculator;
import org.observatory.perfarchive.summary.SummaryDelta;

/**
 * Stores points of one metadata and keeps their summaries current, in one transaction per request: a 409
 * or any failure leaves nothing behind.
 */
@ApplicationScoped
public class DataService {

    private final Pool pool;
    private final MetadataRepository metadata;
    private final ValueRepository values;
    private final Storage storage;
    private final RetentionPolicy retention;

    public DataService(Pool pool, MetadataRepository metadata, ValueRepository values, Storage storage,
                       RetentionPolicy retention) {
        this.pool = pool;
        this.metadata = metadata;
        this.values = values;
        this.storage = storage;
        this.retention = retention;
    }

    /** Stores the points under the metadata {@code key}; answers how many points were stored. */
    public Uni<Integer> write(String key, List<Point> points) {
        if (points.isEmpty()) {
            return metadataId(key).replaceWith(0);
        }
        checkRetention(points);
        return metadataId(key).chain(id -> metadata.seriesOf(pool, id).chain(series -> {
            Set<String> eventTypes = points.stream().map(Point::eventType).collect(Collectors.toCollection(LinkedHashSet::new));
            Set<String> known = series.stream().map(Series::eventType).collect(Collectors.toSet());
            List<String> undeclared = eventTypes.stream().filter(e -> !known.contains(e)).toList();
            Uni<List<Series>> allSeries = undeclared.isEmpty() ? Uni.createFrom().item(series)
                    // pscheduler sends event types its metadata never declared; esmond stores them (base only).
                    : metadata.ensureBaseSeries(pool, id, undeclared).chain(() -> metadata.seriesOf(pool, id));
            return allSeries.chain(all -> {
                SeriesIndex index = new SeriesIndex(all);
                return storage.dialect()
                        .chain(dialect -> dialect.ensurePartitions(partitions(points, index)))
                        .chain(() -> pool.withTransaction(tx -> store(tx, points, index)))
                        // After the commit: inside, the series rows would stay locked for the whole request and
                        // serialise concurrent writers of one metadata for a timestamp nobody reads that precisely.
                        .call(() -> values.touch(pool, touched(eventTypes, index)));
            });
        }));
    }

    private Uni<Long> metadataId(String key) {
        return metadata.idOf(key).map(id -> id.orElseThrow(() -> ProblemException.notFound("No metadata with key " + key)));
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

    private Uni<Integer> store(SqlClient tx, List<Point> points, SeriesIndex index) {
        List<Point> immutable = new ArrayList<>();
        // Documents are replaced by a re-sent point: the last one of a request wins.
        Map<SeriesTs, Point> documents = new LinkedHashMap<>();
        for (Point p : points) {
            if (p.dataType().rejectsDuplicateTs()) {
                immutable.add(p);
            } else {
                documents.put(new SeriesTs(index.base(p.eventType()).id(), p.ts()), p);
            }
        }
        return insertImmutable(tx, immutable, index)
                .chain(() -> previousHistograms(tx, documents, index))
                .chain(previous -> {
                    List<Point> docs = new ArrayList<>(documents.values());
                    Uni<Void> stored = docs.isEmpty() ? Uni.createFrom().voidItem()
                            : values.upsertDocuments(tx, docs.stream().map(p -> index.base(p.eventType()).id()).toList(), docs);
                    return stored.chain(() -> summarise(tx, immutable, documents, previous, index));
                })
                .replaceWith(points.size());
    }

    private Uni<Void> insertImmutable(SqlClient tx, List<Point> points, SeriesIndex index) {
        if (points.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Long> series = points.stream().map(p -> index.base(p.eventType()).id()).toList();
        return values.insertImmutable(tx, series, points).invoke(inserted -> {
            if (inserted.size() < points.size()) {
                Set<SeriesTs> seen = new HashSet<>();
                for (int i = 0; i < points.size(); i++) {
                    SeriesTs at = new SeriesTs(series.get(i), points.get(i).ts());
                    if (!inserted.contains(at) || !seen.add(at)) {
                        Point p = points.get(i);
                        throw ProblemException.conflict("A " + p.eventType() + " point at ts " + p.ts() + " is already stored");
                    }
                }
            }
        }).replaceWithVoid();
    }

    /**
     * Histograms that these points replace (a summary must subtract them) and the stored summary buckets of
     * histogram series they change, read under the base series' lock: the caller merges the buckets itself.
     */
    private Uni<Map<SeriesTs, Map<String, Long>>> previousHistograms(SqlClient tx, Map<SeriesTs, Point> documents, SeriesIndex index) {
        Set<Long> lock = new HashSet<>();
        Set<SeriesTs> keys = new LinkedHashSet<>();
        Set<String> eventTypes = new HashSet<>();
        documents.forEach((at, p) -> {
            List<Series> summaries = index.summaries(p.eventType());
            if (p.dataType() == DataType.HISTOGRAM && !summaries.isEmpty()) {
                lock.add(at.seriesId());
                keys.add(at);
                eventTypes.add(p.eventType());
                for (Series s : summaries) {
                    if (mergesHistogram(s)) {
                        keys.add(new SeriesTs(s.id(), SummaryCalculator.bucket(p.ts(), s.window())));
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

    private Uni<Void> summarise(SqlClient tx, List<Point> immutable, Map<SeriesTs, Point> documents,
                                Map<SeriesTs, Map<String, Long>> stored, SeriesIndex index) {
        SummaryCalculator calculator = new SummaryCalculator();
        Set<Long> statistics = new HashSet<>();
        List<PointStatistics> perPoint = new ArrayList<>();
        for (Point p : immutable) {
            calculator.add(p, index.summaries(p.eventType()), null);
        }
        documents.forEach((at, p) -> {
            List<Series> summaries = index.summaries(p.eventType());
            if (p.dataType() != DataType.HISTOGRAM || summaries.isEmpty()) {
                return;
            }
            List<Series> merged = new ArrayList<>();
            for (Series s : summaries) {
                if (!mergesHistogram(s)) {
                    // Window 0 is the point alone: its statistics replace, nothing to merge or subtract.
                    perPoint.add(new PointStatistics(s.id(), p.eventType(), p.ts(), HistogramStatistics.json(p.value().histogram())));
                } else {
                    merged.add(s);
                    if (s.summaryType() == SummaryType.STATISTICS) {
                        statistics.add(s.id());
                    }
                }
            }
            calculator.add(p, merged, stored.get(at));
        });
        List<SummaryDelta> sums = new ArrayList<>();
        List<ValueRepository.HistogramBucket> histograms = new ArrayList<>();
        for (SummaryDelta d : calculator.deltas()) {
            if (d.histogram() == null) {
                sums.add(d);
            } else {
                // Bucket-wise sum with the stored bucket (read under the series lock); buckets summing to 0 go.
                Map<String, Long> bucket = new HashMap<>(stored.getOrDefault(new SeriesTs(d.seriesId(), d.ts()), Map.of()));
                d.histogram().forEach((k, v) -> bucket.merge(k, v, Long::sum));
                bucket.values().removeIf(v -> v == 0);
                histograms.add(new ValueRepository.HistogramBucket(d.seriesId(), d.eventType(), d.ts(),
                        ValueRepository.histogramJson(bucket),
                        statistics.contains(d.seriesId()) ? HistogramStatistics.json(bucket) : null));
            }
        }
        return values.upsertPointStatistics(tx, perPoint)
                .chain(() -> values.addToSummaries(tx, sums))
                .chain(() -> values.upsertHistogramBuckets(tx, histograms));
    }

    /** The statistics of one histogram point (window 0). */
    public record PointStatistics(long seriesId, String eventType, long ts, String statistics) {
    }

    private static Set<Long> touched(Set<String> eventTypes, SeriesIndex index) {
        Set<Long> ids = new HashSet<>();
        for (String eventType : eventTypes) {
            ids.add(index.base(eventType).id());
            index.summaries(eventType).forEach(s -> ids.add(s.id()));
        }
        return ids;
    }

    /** A metadata's series by event type. */
    static final class SeriesIndex {
        private final Map<String, Series> base = new HashMap<>();
        private final Map<String, List<Series>> summaries = new HashMap<>();

        SeriesIndex(List<Series> series) {
            for (Series s : series) {
                if (s.summaryType() == SummaryType.BASE) {
                    base.put(s.eventType(), s);
                } else {
                    summaries.computeIfAbsent(s.eventType(), k -> new ArrayList<>()).add(s);
                }
            }
        }

        Series base(String eventType) {
            return base.get(eventType);
        }

        List<Series> summaries(String eventType) {
            return summaries.getOrDefault(eventType, List.of());
        }
    }
}
