package org.observatory.perfarchive.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistogramStatisticsTest {

    @Test
    void computesEsmondStatisticsOfARealTtlHistogram() {
        // The first histogram-ttl point of shared/data/esmond/histogram_ttl_data.json.
        Map<String, Object> stats = HistogramStatistics.of(Map.of("9", 27L, "10", 573L));
        assertEquals(9.955, stats.get("mean"));
        assertEquals(10.0, stats.get("median"));
        assertEquals(List.of(10.0), stats.get("mode"));
        assertEquals(9.0, stats.get("minimum"));
        assertEquals(10.0, stats.get("maximum"));
        assertEquals(10.0, stats.get("percentile-25"));
        assertEquals(0.043, stats.get("variance"));
        assertEquals(0.2073, stats.get("standard-deviation"));
    }

    @Test
    void interpolatesPercentilesByTheNistRule() {
        Map<String, Object> stats = HistogramStatistics.of(Map.of("1", 1L, "2", 1L, "3", 1L, "4", 1L));
        assertEquals(1.25, stats.get("percentile-25"));
        assertEquals(2.5, stats.get("median"));
        assertEquals(3.75, stats.get("percentile-75"));
        assertEquals(4.0, stats.get("percentile-95"));
        assertEquals(List.of(1.0, 2.0, 3.0, 4.0), stats.get("mode"));
    }

    @Test
    void usesTheFirstAndLastSampleAtTheEnds() {
        Map<String, Object> single = HistogramStatistics.of(Map.of("7.5", 1L));
        assertEquals(7.5, single.get("percentile-25"));
        assertEquals(7.5, single.get("percentile-95"));
        assertEquals(0.0, single.get("variance"));
    }

    @Test
    void handlesNegativeDelayBuckets() {
        Map<String, Object> stats = HistogramStatistics.of(Map.of("-0.5", 2L, "0.5", 2L));
        assertEquals(0.0, stats.get("mean"));
        assertEquals(-0.5, stats.get("minimum"));
        assertEquals(0.25, stats.get("variance"));
    }

    @Test
    void givesEmptyStatisticsForTextBucketsOrNoSamples() {
        assertTrue(HistogramStatistics.of(Map.of("10", 3L, "lost", 1L)).isEmpty());
        assertTrue(HistogramStatistics.of(Map.of()).isEmpty());
        assertTrue(HistogramStatistics.of(Map.of("3", 0L)).isEmpty());
    }

    @Test
    void givesTheSameStatisticsWhateverTheOrderOfTheBuckets() {
        java.util.LinkedHashMap<String, Long> ascending = new java.util.LinkedHashMap<>();
        ascending.put("1", 2L);
        ascending.put("1.0", 1L);
        ascending.put("2.5", 3L);
        ascending.put("10", 1L);
        java.util.LinkedHashMap<String, Long> descending = new java.util.LinkedHashMap<>();
        descending.put("10", 1L);
        descending.put("2.5", 3L);
        descending.put("1.0", 1L);
        descending.put("1", 2L);
        Map<String, Object> stats = HistogramStatistics.of(ascending);
        assertEquals(stats, HistogramStatistics.of(descending));
        assertEquals(HistogramStatistics.json(ascending), HistogramStatistics.json(descending));
        // "1" and "1.0" are one bucket of 3 samples, as many as 2.5 has: both are modes.
        assertEquals(List.of(1.0, 2.5), stats.get("mode"));
        assertEquals(1.0, stats.get("minimum"));
        assertEquals(10.0, stats.get("maximum"));
    }
}
