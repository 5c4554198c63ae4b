package org.observatory.logingest.stats;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;

/** Categorized per period: the ten stations that sent the most bytes each day. */
@ApplicationScoped
public class TopStationsPlugin implements StatsPlugin {

    static final int TOP = 10;

    @Override
    public String name() {
        return "top-stations";
    }

    @Override
    public String summary() {
        return "Top " + TOP + " stations by bytes per day";
    }

    @Override
    public String description() {
        return "For each day (UTC), the " + TOP + " stations whose data was sent most, by bytes, with the number of "
                + "distinct clients that received them; ties broken by network and station code.";
    }

    @Override
    public Duration period() {
        return Duration.ofDays(1);
    }

    @Override
    public Duration lookback() {
        return Duration.ofDays(62);
    }

    @Override
    public List<String> columns() {
        return List.of("rank", "network", "station", "bytes", "clients");
    }

    @Override
    public String aggregateSql() {
        return """
                SELECT position AS rank, network, station, bytes, clients, position FROM (
                    SELECT network, station, bytes, clients,
                           row_number() OVER (ORDER BY bytes DESC, network COLLATE "C", station COLLATE "C") AS position
                    FROM (SELECT network, station, sum(bytes) AS bytes, count(DISTINCT client_hash) AS clients
                          FROM log_event WHERE log_time >= $1 AND log_time < $2
                          GROUP BY network, station) per_station
                ) ranked
                WHERE position <= %d""".formatted(TOP);
    }
}
