package org.observatory.logingest.stats;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A large legacy-text TX log generated on the fly (never held whole in memory): every client receives every
 * stream in every hour, so that the per-period aggregates are big (each station has every client) while the
 * expected statistics are cheap to compute here.
 */
final class GeneratedTxLog {

    private static final DateTimeFormatter TEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    final Instant firstHour;
    final int hours;
    final int clients;
    final int stations;

    GeneratedTxLog(Instant firstHour, int hours, int clients, int stations) {
        this.firstHour = firstHour;
        this.hours = hours;
        this.clients = clients;
        this.stations = stations;
    }

    long rows() {
        return (long) hours * clients * stations;
    }

    static String network(int station) {
        return "N" + (char) ('A' + station % 20);
    }

    static String station(int station) {
        return "ST" + station;
    }

    static long packets(int hour, int client, int station) {
        return 1 + (station * 7L + client * 3L + hour) % 50;
    }

    /** Bytes per packet: 512, so that bytes = 512 * packets. */
    static long bytes(int hour, int client, int station) {
        return 512 * packets(hour, client, station);
    }

    static String address(int client) {
        return "10." + (client / 250 + 1) + "." + (client % 250 + 1) + ".7";
    }

    /** Expected bytes-per-network rows of one hour: network -> {bytes, packets, transfers}. */
    Map<String, long[]> bytesPerNetwork(int hour) {
        Map<String, long[]> sums = new TreeMap<>();
        for (int s = 0; s < stations; s++) {
            long[] sum = sums.computeIfAbsent(network(s), n -> new long[3]);
            for (int c = 0; c < clients; c++) {
                sum[0] += bytes(hour, c, s);
                sum[1] += packets(hour, c, s);
                sum[2]++;
            }
        }
        return sums;
    }

    /** Bytes of every client in one hour. */
    long bytesInHour(int hour) {
        return bytesPerNetwork(hour).values().stream().mapToLong(v -> v[0]).sum();
    }

    /** Expected top stations of the (single) day: "network station bytes", best first, ties by network then station. */
    List<String> topStations(int top) {
        List<long[]> byStation = new ArrayList<>();
        for (int s = 0; s < stations; s++) {
            long sum = 0;
            for (int h = 0; h < hours; h++) {
                for (int c = 0; c < clients; c++) {
                    sum += bytes(h, c, s);
                }
            }
            byStation.add(new long[] {s, sum});
        }
        byStation.sort(Comparator.<long[]>comparingLong(v -> -v[1])
                .thenComparing(v -> network((int) v[0]))
                .thenComparing(v -> station((int) v[0])));
        return byStation.stream().limit(top)
                .map(v -> network((int) v[0]) + " " + station((int) v[0]) + " " + v[1]).toList();
    }

    /** The log, generated block by block as it is read. */
    InputStream stream() {
        return new InputStream() {
            private int hour;
            private int client;
            private byte[] block = new byte[0];
            private int at;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] into, int offset, int length) {
                if (at == block.length) {
                    if (hour == hours) {
                        return -1;
                    }
                    block = block(hour, client).getBytes(StandardCharsets.US_ASCII);
                    at = 0;
                    if (++client == clients) {
                        client = 0;
                        hour++;
                    }
                }
                int n = Math.min(length, block.length - at);
                System.arraycopy(block, at, into, offset, n);
                at += n;
                return n;
            }
        };
    }

    private String block(int hour, int client) {
        Instant logTime = firstHour.plusSeconds(3_600L * hour + 3_599);
        String head = "client-" + client + ".example.org [" + address(client) + "]";
        StringBuilder out = new StringBuilder(stations * 32);
        out.append("START CLIENT ").append(head).append(" (SeedLink|slinktool/4.11) @ ").append(TEXT.format(logTime))
                .append(" (connected ").append(TEXT.format(firstHour.minusSeconds(60))).append(") TX\n");
        long total = 0;
        for (int s = 0; s < stations; s++) {
            long bytes = bytes(hour, client, s);
            total += bytes;
            out.append(network(s)).append('_').append(station(s)).append("_00_BHZ/MSEED ").append(bytes).append(' ')
                    .append(packets(hour, client, s)).append('\n');
        }
        out.append("END CLIENT ").append(head).append(" total TX bytes: ").append(total).append('\n');
        return out.toString();
    }
}
