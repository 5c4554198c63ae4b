package org.observatory.perfarchive.metadata;

import org.observatory.perfarchive.eventtype.SummaryType;

/** A series a client declares: event type, summary type, window. */
public record SeriesSpec(String eventType, SummaryType summaryType, long window) implements Comparable<SeriesSpec> {

    @Override
    public int compareTo(SeriesSpec other) {
        int c = eventType.compareTo(other.eventType);
        if (c == 0) {
            c = summaryType.compareTo(other.summaryType);
        }
        return c != 0 ? c : Long.compare(window, other.window);
    }
}
