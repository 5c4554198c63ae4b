package org.observatory.perfarchive.summary;

import java.util.HashMap;
import java.util.Map;

/** What a request adds to one summary bucket; null fields leave the stored column as it is. */
public final class SummaryDelta {

    final long seriesId;
    final String eventType;
    final long ts;
    Long integer;
    Double real;
    Long count;
    Long numerator;
    Long denominator;
    Map<String, Long> histogram;

    SummaryDelta(long seriesId, String eventType, long ts) {
        this.seriesId = seriesId;
        this.eventType = eventType;
        this.ts = ts;
    }

    void addInteger(long v) {
        integer = (integer == null ? 0 : integer) + v;
    }

    void addReal(double v) {
        real = (real == null ? 0 : real) + v;
    }

    void addCount(long v) {
        count = (count == null ? 0 : count) + v;
    }

    void addPercentage(long n, long d) {
        numerator = (numerator == null ? 0 : numerator) + n;
        denominator = (denominator == null ? 0 : denominator) + d;
    }

    /** Uses a histogram delta shared with the other series of the same window bucket. */
    void shareHistogram(Map<String, Long> shared) {
        histogram = shared;
    }

    void addHistogram(Map<String, Long> buckets, long sign) {
        if (histogram == null) {
            histogram = new HashMap<>();
        }
        buckets.forEach((k, v) -> histogram.merge(k, sign * v, Long::sum));
    }

    public long seriesId() {
        return seriesId;
    }

    public String eventType() {
        return eventType;
    }

    public long ts() {
        return ts;
    }

    public Long integer() {
        return integer;
    }

    public Double real() {
        return real;
    }

    public Long count() {
        return count;
    }

    public Long numerator() {
        return numerator;
    }

    public Long denominator() {
        return denominator;
    }

    public Map<String, Long> histogram() {
        return histogram;
    }

    /** A histogram delta whose buckets all cancel (a point re-sent unchanged) changes nothing. */
    public boolean isEmpty() {
        if (histogram != null) {
            histogram.values().removeIf(v -> v == 0);
            return histogram.isEmpty() && integer == null && real == null && numerator == null;
        }
        return integer == null && real == null && numerator == null && count == null;
    }
}
