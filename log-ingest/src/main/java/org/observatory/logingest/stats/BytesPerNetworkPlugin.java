package org.observatory.logingest.stats;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
    public Aggregate newAggregate() {
        Map<String, long[]> byNetwork = new TreeMap<>();
        return new Aggregate() {
            @Override
            public void accept(StatsEvent e) {
                long[] sums = byNetwork.computeIfAbsent(e.network(), n -> new long[3]);
                sums[0] += e.bytes();
                sums[1] += e.packets();
                sums[2]++;
            }

            @Override
            public List<List<Object>> rows() {
                List<List<Object>> rows = new ArrayList<>();
                byNetwork.forEach((network, s) -> rows.add(List.of(network, s[0], s[1], s[2])));
                return rows;
            }
        };
    }
}
