package org.observatory.logingest.stats;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

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
    public Aggregate newAggregate() {
        Map<List<String>, long[]> sums = new TreeMap<>((a, b) -> {
            int c = a.get(0).compareTo(b.get(0));
            return c != 0 ? c : a.get(1).compareTo(b.get(1));
        });
        Map<List<String>, Set<String>> clients = new TreeMap<>(((TreeMap<List<String>, long[]>) sums).comparator());
        return new Aggregate() {
            @Override
            public void accept(StatsEvent e) {
                List<String> key = List.of(e.protocol(), e.agent());
                long[] s = sums.computeIfAbsent(key, k -> new long[2]);
                s[0]++;
                s[1] += e.bytes();
                clients.computeIfAbsent(key, k -> new HashSet<>()).add(e.clientHash());
            }

            @Override
            public List<List<Object>> rows() {
                List<List<Object>> rows = new ArrayList<>();
                sums.forEach((key, s) -> rows.add(List.of(key.get(0), key.get(1), (long) clients.get(key).size(), s[0], s[1])));
                return rows;
            }
        };
    }
}
