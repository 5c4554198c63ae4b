package org.observatory.logingest.stats;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;

/** Categorized per period: bytes, packets and transfers per network, per hour. */
@ApplicationScoped
public class BytesPerNetworkPlugin implements StatsPlugin {

    @Override
    public String name() {
        return "bytes-per-network";
    }

    @Override
    public String summary() {
        return "Bytes sent per network per hour";
    }

    @Override
    public String description() {
        return "For each hour (UTC), the bytes, packets and stream transfers sent to clients, per network code, "
                + "in network order.";
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
        return List.of("network", "bytes", "packets", "transfers");
    }

    @Override
    public String aggregateSql() {
        // COLLATE "C": code-point order whatever the database's locale, so answers do not depend on the install.
        return """
                SELECT network, sum(bytes) AS bytes, sum(packets) AS packets, count(*) AS transfers,
                       row_number() OVER (ORDER BY network COLLATE "C") AS position
                FROM log_event WHERE log_time >= $1 AND log_time < $2
                GROUP BY network""";
    }
}
