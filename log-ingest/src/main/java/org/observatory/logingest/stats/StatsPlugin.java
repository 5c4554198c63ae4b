package org.observatory.logingest.stats;

import java.time.Duration;
import java.util.List;

/**
 * A statistics plugin (statscache's model): a CDI bean with a name, summary and description that sees every
 * stored event of a period and keeps its own aggregate. Periods are {@link #period()} long and aligned to the
 * epoch (UTC midnight), so they do not drift with the service's start time.
 *
 * <p>The aggregate is written as SQL that PostgreSQL runs over the period's events: a period may hold millions of
 * events (one large upload), which the service must never hold, nor loop over on its event loop.
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

    /**
     * The aggregate of one period: a query over {@code log_event} whose events are those with
     * {@code log_time >= $1 AND log_time < $2}. It selects one column per {@link #columns()} entry, named the
     * same, plus {@code position}: the row's place (1, 2, ...) in the period's stable order. No rows: no events.
     */
    String aggregateSql();
}
