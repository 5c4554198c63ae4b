package org.observatory.perfarchive.summary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * esmond's statistics of a histogram: mean, median, mode, extremes, quartiles, 95th percentile, population
 * variance and standard deviation. Percentiles follow NIST (n = p/100 x (N+1)) over the expanded samples.
 *
 * <p>Computed on every histogram point and bucket of a bulk write, so it works on sorted primitive arrays
 * (keys parsed once) and writes its JSON text directly.
 */
public final class HistogramStatistics {

    private static final String[] NAMES = {"mean", "median", "mode", "minimum", "maximum", "percentile-25",
        "percentile-75", "percentile-95", "variance", "standard-deviation"};

    private HistogramStatistics() {
    }

    /** The statistics object; empty when a bucket key is not a number or the histogram has no samples. */
    public static Map<String, Object> of(Map<String, Long> histogram) {
        Computed c = compute(histogram);
        if (c == null) {
            return Map.of();
        }
        Map<String, Object> stats = new LinkedHashMap<>();
        for (int i = 0; i < NAMES.length; i++) {
            stats.put(NAMES[i], i == 2 ? c.modeList() : c.values[i]);
        }
        return stats;
    }

    /** The statistics as JSON text, the same object {@link #of} gives ({@code {}} when it is empty). */
    public static String json(Map<String, Long> histogram) {
        Computed c = compute(histogram);
        if (c == null) {
            return "{}";
        }
        StringBuilder out = new StringBuilder(256).append('{');
        for (int i = 0; i < NAMES.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append('"').append(NAMES[i]).append("\":");
            if (i == 2) {
                out.append('[');
                for (int m = 0; m < c.modes; m++) {
                    if (m > 0) {
                        out.append(',');
                    }
                    number(out, round(c.keys[c.modeIndex[m]]));
                }
                out.append(']');
            } else {
                number(out, c.values[i]);
            }
        }
        return out.append('}').toString();
    }

    /** As Jackson writes a double: Double.toString, non-finite values quoted. */
    private static void number(StringBuilder out, double v) {
        if (Double.isFinite(v)) {
            out.append(v);
        } else {
            out.append('"').append(v).append('"');
        }
    }

    /** Sorted distinct keys with their summed positive counts, and the computed values (rounded). */
    private record Computed(double[] keys, long[] counts, int size, double[] values, int[] modeIndex, int modes) {
        List<Double> modeList() {
            List<Double> mode = new ArrayList<>(modes);
            for (int m = 0; m < modes; m++) {
                mode.add(round(keys[modeIndex[m]]));
            }
            return mode;
        }
    }

    private static Computed compute(Map<String, Long> histogram) {
        int size = histogram.size();
        double[] rawKeys = new double[size];
        long[] rawCounts = new long[size];
        int k = 0;
        for (Map.Entry<String, Long> e : histogram.entrySet()) {
            double key;
            try {
                key = Double.parseDouble(e.getKey().trim());
            } catch (NumberFormatException notNumeric) {
                return null;
            }
            if (!Double.isFinite(key)) {
                return null;
            }
            if (e.getValue() > 0) {
                rawKeys[k] = key;
                rawCounts[k] = e.getValue();
                k++;
            }
        }
        if (k == 0) {
            return null;
        }
        // Sort positions by key, then fold equal keys ("1" and "1.0") into one bucket, as a sorted map would.
        // Points usually arrive with their buckets in order already: then there is nothing to sort.
        int[] order = new int[k];
        boolean sorted = true;
        for (int i = 0; i < k; i++) {
            order[i] = i;
            sorted &= i == 0 || Double.compare(rawKeys[i - 1], rawKeys[i]) <= 0;
        }
        if (!sorted) {
            final double[] sortKeys = rawKeys;
            order = java.util.stream.IntStream.range(0, k).boxed()
                    .sorted((a, b) -> Double.compare(sortKeys[a], sortKeys[b])).mapToInt(Integer::intValue).toArray();
        }
        double[] keys = new double[k];
        long[] counts = new long[k];
        int n = 0;
        long total = 0;
        for (int i = 0; i < k; i++) {
            double key = rawKeys[order[i]];
            long count = rawCounts[order[i]];
            if (n > 0 && Double.compare(keys[n - 1], key) == 0) {
                counts[n - 1] += count;
            } else {
                keys[n] = key;
                counts[n] = count;
                n++;
            }
            total += count;
        }
        double sum = 0;
        long largestCount = 0;
        for (int i = 0; i < n; i++) {
            sum += keys[i] * counts[i];
            largestCount = Math.max(largestCount, counts[i]);
        }
        double mean = sum / total;
        double squares = 0;
        int[] modeIndex = new int[n];
        int modes = 0;
        for (int i = 0; i < n; i++) {
            squares += counts[i] * (keys[i] - mean) * (keys[i] - mean);
            if (counts[i] == largestCount) {
                modeIndex[modes++] = i;
            }
        }
        double variance = squares / total;
        double[] values = new double[NAMES.length];
        values[0] = round(mean);
        values[1] = round(percentile(keys, counts, n, total, 50));
        values[3] = round(keys[0]);
        values[4] = round(keys[n - 1]);
        values[5] = round(percentile(keys, counts, n, total, 25));
        values[6] = round(percentile(keys, counts, n, total, 75));
        values[7] = round(percentile(keys, counts, n, total, 95));
        values[8] = round(variance);
        values[9] = round(Math.sqrt(variance));
        return new Computed(keys, counts, n, values, modeIndex, modes);
    }

    /** NIST: n = p/100 (N+1), k = floor(n), d = n - k; x_1 if k = 0, x_N if k >= N, else x_k + d (x_k+1 - x_k). */
    static double percentile(double[] keys, long[] counts, int size, long count, double p) {
        double rank = p / 100.0 * (count + 1);
        long k = (long) Math.floor(rank);
        double d = rank - k;
        if (k <= 0) {
            return keys[0];
        }
        if (k >= count) {
            return keys[size - 1];
        }
        double xk = sample(keys, counts, size, k);
        double next = sample(keys, counts, size, k + 1);
        return xk + d * (next - xk);
    }

    /** The i-th smallest sample (1-based), buckets expanded by their counts. */
    private static double sample(double[] keys, long[] counts, int size, long i) {
        long seen = 0;
        for (int b = 0; b < size; b++) {
            seen += counts[b];
            if (seen >= i) {
                return keys[b];
            }
        }
        return keys[size - 1];
    }

    /** esmond keeps computed floats to 4 decimals. */
    public static double round(double value) {
        return Math.round(value * 10_000.0) / 10_000.0;
    }
}
