package org.observatory.logingest.stats;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
    public Aggregate newAggregate() {
        Set<String> clients = new HashSet<>();
        long[] bytes = new long[1];
        return new Aggregate() {
            @Override
            public void accept(StatsEvent e) {
                clients.add(e.clientHash());
                bytes[0] += e.bytes();
            }

            @Override
            public List<List<Object>> rows() {
                return clients.isEmpty() ? List.of() : List.of(List.of((long) clients.size(), bytes[0]));
            }
        };
    }
}
