package org.observatory.perfarchive.eventtype;

import java.util.Set;

/** How the values of an event type look, and which summaries esmond allows for them. */
public enum DataType {
    INTEGER(Set.of(SummaryType.AGGREGATION, SummaryType.AVERAGE)),
    FLOAT(Set.of(SummaryType.AGGREGATION, SummaryType.AVERAGE)),
    PERCENTAGE(Set.of(SummaryType.AGGREGATION)),
    HISTOGRAM(Set.of(SummaryType.AGGREGATION, SummaryType.STATISTICS)),
    SUBINTERVAL(Set.of()),
    JSON(Set.of());

    private final Set<SummaryType> allowedSummaries;

    DataType(Set<SummaryType> allowedSummaries) {
        this.allowedSummaries = allowedSummaries;
    }

    public Set<SummaryType> allowedSummaries() {
        return allowedSummaries;
    }

    /** Integer, float and percentage points are immutable: a second point at the same ts is a 409. */
    public boolean rejectsDuplicateTs() {
        return this == INTEGER || this == FLOAT || this == PERCENTAGE;
    }
}
