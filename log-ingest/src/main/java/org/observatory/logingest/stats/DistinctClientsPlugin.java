package org.observatory.logingest.stats;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;

/** Scalar per period: how many distinct clients received data each hour. */
@ApplicationScoped
public class DistinctClientsPlugin implements StatsPlugin {

    @Override
    public String name() {
        return "distinct-clients";
    }

    @Override
    public String summary() {
        return "Distinct clients per hour";
    }

    @Override
    public String description() {
        return "For each hour (UTC), the number of distinct clients (by keyed host hash) that received data, "
                + "and the bytes they received.";
    }

    @Override
    public Duration period() {
        return Duration.ofHours(1);
    }

    @Override
    public Duration lookback() {
        return Duration.ofDays(31);
    }

    @Override
    public List<String> columns() {
        return List.of("clients", "bytes");
    }

    @Override
    public String aggregateSql() {
        return """
                SELECT count(DISTINCT client_hash) AS clients, sum(bytes) AS bytes, 1 AS position
                FROM log_event WHERE log_time >= $1 AND log_time < $2
                HAVING count(*) > 0""";
    }
}
