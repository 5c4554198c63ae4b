package org.observatory.perfarchive.summary;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.observatory.perfarchive.data.Point;
import org.observatory.perfarchive.eventtype.DataType;
import org.observatory.perfarchive.metadata.Series;

/**
 * esmond's summary rules, as deltas to add to the stored buckets: aggregation sums (integers, floats,
 * percentage numerators and denominators, histogram buckets), average keeps sum and count, statistics keep
 * the merged histogram. A bucket starts at floor(ts / window) x window; window 0 is the point itself.
 */
public final class SummaryCalculator {

    private final Map<String, SummaryDelta> deltas = new LinkedHashMap<>();

    public static long bucket(long ts, long window) {
        return window == 0 ? ts : Math.floorDiv(ts, window) * window;
    }

    /**
     * Adds a point to its event type's summaries.
     *
     * @param previous for a re-sent histogram, the histogram it replaces (subtracted), else null
     */
    public void add(Point point, List<Series> summaries, Map<String, Long> previous) {
        for (Series s : summaries) {
            long ts = bucket(point.ts(), s.window());
            SummaryDelta d = deltas.computeIfAbsent(s.id() + "@" + ts, k -> new SummaryDelta(s.id(), point.eventType(), ts));
            DataType type = point.dataType();
            switch (s.summaryType()) {
                case AGGREGATION -> {
                    switch (type) {
                        case INTEGER -> d.addInteger(point.value().integer());
                        case FLOAT -> d.addReal(point.value().real());
                        case PERCENTAGE -> d.addPercentage(point.value().numerator(), point.value().denominator());
                        case HISTOGRAM -> histogram(d, point, previous);
                        default -> { }
                    }
                }
                case AVERAGE -> {
                    d.addReal(type == DataType.INTEGER ? point.value().integer().doubleValue() : point.value().real());
                    d.addCount(1);
                }
                case STATISTICS -> histogram(d, point, previous);
                default -> { }
            }
        }
    }

    private static void histogram(SummaryDelta d, Point point, Map<String, Long> previous) {
        if (previous != null) {
            d.addHistogram(previous, -1);
        }
        d.addHistogram(point.value().histogram(), 1);
    }

    public Collection<SummaryDelta> deltas() {
        deltas.values().removeIf(SummaryDelta::isEmpty);
        return deltas.values();
    }
}
