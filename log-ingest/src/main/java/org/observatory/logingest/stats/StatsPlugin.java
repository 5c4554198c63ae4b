package org.observatory.logingest.stats;

import java.time.Duration;
import java.util.List;

/**
 * A statistics plugin (statscache's model): a CDI bean with a name, summary and description that sees every
 * stored event of a period and keeps its own aggregate. Periods are {@link #period()} long and aligned to the
 * epoch (UTC midnight), so they do not drift with the service's start time.
 */
public interface StatsPlugin {

    /** URL-safe unique name: {@code /stats/{name}}. */
    String name();

    String summary();

    String description();

    /** Length of a period; divides a day. */
    Duration period();

    /** How far back the plugin cares: a new plugin (or one whose results were lost) is rebuilt over this span. */
    Duration lookback();

    /** The result columns after {@code order}, {@code start}, {@code stop}; fixed, in this order, in JSON and CSV. */
    List<String> columns();

    /** A fresh aggregate for one period. */
    Aggregate newAggregate();

    /** The state of one period: fed every event of the period, then asked for its rows. */
    interface Aggregate {
        void accept(StatsEvent event);

        /** Rows in a stable order, each with one cell per {@link #columns()} entry. */
        List<List<Object>> rows();
    }
}
