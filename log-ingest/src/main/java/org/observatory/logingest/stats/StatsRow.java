package org.observatory.logingest.stats;

import java.time.Instant;
import java.util.List;

/** One result row of a plugin: its period, its rank within the period, and one cell per plugin column. */
public record StatsRow(Instant start, Instant stop, int rank, List<Object> cells) {
}
