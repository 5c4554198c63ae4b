package org.observatory.perfarchive.summary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * esmond's statistics of a histogram: mean, median, mode, extremes, quartiles, 95th percentile, population
 * variance and standard deviation. Percentiles follow NIST (n = p/100 x (N+1)) over the expanded samples.
 */
public final class HistogramStatistics {

    private HistogramStatistics() {
    }

    /** The statistics object; empty when a bucket key is not a number or the histogram has no samples. */
    public static Map<String, Object> of(Map<String, Long> histogram) {
        TreeMap<Double, Long> buckets = new TreeMap<>();
        long n = 0;
        for (Map.Entry<String, Long> e : histogram.entrySet()) {
            double key;
            try {
                key = Double.parseDouble(e.getKey().trim());
            } catch (NumberFormatException notNumeric) {
                return Map.of();
            }
            if (!Double.isFinite(key)) {
                return Map.of();
            }
            if (e.getValue() > 0) {
                buckets.merge(key, e.getValue(), Long::sum);
                n += e.getValue();
            }
        }
        if (n == 0) {
            return Map.of();
        }
        double sum = 0;
        long largestCount = 0;
        for (Map.Entry<Double, Long> e : buckets.entrySet()) {
            sum += e.getKey() * e.getValue();
            largestCount = Math.max(largestCount, e.getValue());
        }
        double mean = sum / n;
        double squares = 0;
        List<Double> mode = new ArrayList<>();
        for (Map.Entry<Double, Long> e : buckets.entrySet()) {
            squares += e.getValue() * (e.getKey() - mean) * (e.getKey() - mean);
            if (e.getValue() == largestCount) {
                mode.add(round(e.getKey()));
            }
        }
        double variance = squares / n;
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("mean", round(mean));
        stats.put("median", round(percentile(buckets, n, 50)));
        stats.put("mode", mode);
        stats.put("minimum", round(buckets.firstKey()));
        stats.put("maximum", round(buckets.lastKey()));
        stats.put("percentile-25", round(percentile(buckets, n, 25)));
        stats.put("percentile-75", round(percentile(buckets, n, 75)));
        stats.put("percentile-95", round(percentile(buckets, n, 95)));
        stats.put("variance", round(variance));
        stats.put("standard-deviation", round(Math.sqrt(variance)));
        return stats;
    }

    /** NIST: n = p/100 (N+1), k = floor(n), d = n - k; x_1 if k = 0, x_N if k >= N, else x_k + d (x_k+1 - x_k). */
    static double percentile(TreeMap<Double, Long> buckets, long count, double p) {
        double rank = p / 100.0 * (count + 1);
        long k = (long) Math.floor(rank);
        double d = rank - k;
        if (k <= 0) {
            return buckets.firstKey();
        }
        if (k >= count) {
            return buckets.lastKey();
        }
        double xk = sample(buckets, k);
        double next = sample(buckets, k + 1);
        return xk + d * (next - xk);
    }

    /** The i-th smallest sample (1-based), buckets expanded by their counts. */
    private static double sample(TreeMap<Double, Long> buckets, long i) {
        long seen = 0;
        for (Map.Entry<Double, Long> e : buckets.entrySet()) {
            seen += e.getValue();
            if (seen >= i) {
                return e.getKey();
            }
        }
        return buckets.lastKey();
    }

    /** esmond keeps computed floats to 4 decimals. */
    public static double round(double value) {
        return Math.round(value * 10_000.0) / 10_000.0;
    }
}
