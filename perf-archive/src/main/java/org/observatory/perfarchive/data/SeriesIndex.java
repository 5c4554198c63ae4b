package org.observatory.perfarchive.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.observatory.perfarchive.eventtype.SummaryType;
import org.observatory.perfarchive.metadata.Series;

/** A metadata's series by event type: the base series and the summaries computed on ingest. */
final class SeriesIndex {

    private final Map<String, Series> base = new HashMap<>();
    private final Map<String, List<Series>> summaries = new HashMap<>();
    private final Map<Long, Series> byId = new HashMap<>();

    SeriesIndex(List<Series> series) {
        for (Series s : series) {
            byId.put(s.id(), s);
            if (s.summaryType() == SummaryType.BASE) {
                base.put(s.eventType(), s);
            } else {
                summaries.computeIfAbsent(s.eventType(), k -> new ArrayList<>()).add(s);
            }
        }
    }

    boolean has(String eventType) {
        return base.containsKey(eventType);
    }

    Series base(String eventType) {
        return base.get(eventType);
    }

    List<Series> summaries(String eventType) {
        return summaries.getOrDefault(eventType, List.of());
    }

    Series byId(long id) {
        return byId.get(id);
    }

    /**
     * The series whose rows keep the merged histogram of a histogram summary's window: the aggregation of that
     * window when the event type has one (the statistics rows then keep only their statistics, so a bucket's
     * histogram is written and read once, not twice), else the summary itself.
     */
    long histogramSeries(Series summary) {
        if (summary.summaryType() == SummaryType.STATISTICS) {
            for (Series s : summaries(summary.eventType())) {
                if (s.summaryType() == SummaryType.AGGREGATION && s.window() == summary.window()) {
                    return s.id();
                }
            }
        }
        return summary.id();
    }
}
