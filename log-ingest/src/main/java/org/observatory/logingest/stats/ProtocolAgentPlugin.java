package org.observatory.logingest.stats;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;

/** Categorized per period: clients, transfers and bytes per protocol and client agent, per day. */
@ApplicationScoped
public class ProtocolAgentPlugin implements StatsPlugin {

    @Override
    public String name() {
        return "protocols";
    }

    @Override
    public String summary() {
        return "Use per protocol and client agent per day";
    }

    @Override
    public String description() {
        return "For each day (UTC), per protocol (SeedLink, DataLink, ...) and client agent (the client id the "
                + "client announced), the distinct clients, stream transfers and bytes, in protocol and agent order.";
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
        return List.of("protocol", "agent", "clients", "transfers", "bytes");
    }

    @Override
    public String aggregateSql() {
        return """
                SELECT protocol, agent, count(DISTINCT client_hash) AS clients, count(*) AS transfers,
                       sum(bytes) AS bytes,
                       row_number() OVER (ORDER BY protocol COLLATE "C", agent COLLATE "C") AS position
                FROM log_event WHERE log_time >= $1 AND log_time < $2
                GROUP BY protocol, agent""";
    }
}
