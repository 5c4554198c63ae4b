package org.observatory.logingest.stats;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
    public Aggregate newAggregate() {
        Map<String, long[]> bytes = new HashMap<>();
        Map<String, Set<String>> clients = new HashMap<>();
        return new Aggregate() {
            @Override
            public void accept(StatsEvent e) {
                String key = e.network() + '\u0000' + e.station();
                bytes.computeIfAbsent(key, k -> new long[1])[0] += e.bytes();
                clients.computeIfAbsent(key, k -> new HashSet<>()).add(e.clientHash());
            }

            @Override
            public List<List<Object>> rows() {
                List<Map.Entry<String, long[]>> ranked = new ArrayList<>(bytes.entrySet());
                ranked.sort(Comparator.<Map.Entry<String, long[]>>comparingLong(en -> en.getValue()[0]).reversed()
                        .thenComparing(Map.Entry::getKey));
                List<List<Object>> rows = new ArrayList<>();
                for (int i = 0; i < Math.min(TOP, ranked.size()); i++) {
                    String[] id = ranked.get(i).getKey().split("\u0000", 2);
                    rows.add(List.of(i + 1, id[0], id[1], ranked.get(i).getValue()[0],
                            (long) clients.get(ranked.get(i).getKey()).size()));
                }
                return rows;
            }
        };
    }
}
