package org.observatory.perfarchive.summary;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.observatory.perfarchive.data.Point;
import org.observatory.perfarchive.eventtype.DataType;
import org.observatory.perfarchive.metadata.Series;

/**
 * esmond's summary rules, as deltas to add to the stored buckets: aggregation sums (integers, floats,
 * percentage numerators and denominators, histogram buckets), average keeps sum and count, statistics keep
 * the merged histogram. A bucket starts at floor(ts / window) x window; window 0 is the point itself.
 */
public final class SummaryCalculator {

    private final Map<Bucket, SummaryDelta> deltas = new LinkedHashMap<>();
    /** Histogram deltas by (event type, window, bucket): aggregation and statistics of a window share one. */
    private final Map<WindowBucket, Map<String, Long>> histograms = new HashMap<>();

    private record Bucket(long seriesId, long ts) {
    }

    private record WindowBucket(String eventType, long window, long ts) {
    }

    public static long bucket(long ts, long window) {
        return window == 0 ? ts : Math.floorDiv(ts, window) * window;
    }

    /**
     * Adds a point to its event type's summaries.
     *
     * @param previous for a re-sent histogram, the histogram it replaces (subtracted), else null
     */
    public void add(Point point, List<Series> summaries, Map<String, Long> previous) {
        Set<WindowBucket> merged = null;
        for (Series s : summaries) {
            long ts = bucket(point.ts(), s.window());
            SummaryDelta d = deltas.computeIfAbsent(new Bucket(s.id(), ts), k -> new SummaryDelta(s.id(), point.eventType(), ts));
            DataType type = point.dataType();
            switch (s.summaryType()) {
                case AGGREGATION -> {
                    switch (type) {
                        case INTEGER -> d.addInteger(point.value().integer());
                        case FLOAT -> d.addReal(point.value().real());
                        case PERCENTAGE -> d.addPercentage(point.value().numerator(), point.value().denominator());
                        case HISTOGRAM -> merged = histogram(d, point, previous, s.window(), merged);
                        default -> { }
                    }
                }
                case AVERAGE -> {
                    d.addReal(type == DataType.INTEGER ? point.value().integer().doubleValue() : point.value().real());
                    d.addCount(1);
                }
                case STATISTICS -> merged = histogram(d, point, previous, s.window(), merged);
                default -> { }
            }
        }
    }

    /**
     * Merges the point into the histogram delta of its window bucket once, however many series (aggregation,
     * statistics) of that window share it; answers the window buckets this point was merged into so far.
     */
    private Set<WindowBucket> histogram(SummaryDelta d, Point point, Map<String, Long> previous, long window,
                                        Set<WindowBucket> merged) {
        WindowBucket at = new WindowBucket(point.eventType(), window, d.ts());
        Map<String, Long> shared = histograms.computeIfAbsent(at, k -> new HashMap<>());
        d.shareHistogram(shared);
        Set<WindowBucket> done = merged == null ? new HashSet<>() : merged;
        if (done.add(at)) {
            if (previous != null) {
                previous.forEach((k, v) -> shared.merge(k, -v, Long::sum));
            }
            point.value().histogram().forEach((k, v) -> shared.merge(k, v, Long::sum));
        }
        return done;
    }

    public Collection<SummaryDelta> deltas() {
        deltas.values().removeIf(SummaryDelta::isEmpty);
        return deltas.values();
    }
}
