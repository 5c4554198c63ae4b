package org.observatory.bench.logingest;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes a realistic day of ringserver TX logs: thousands of clients (a few full-feed mirrors taking thousands of
 * streams, most taking a handful), tens of thousands of streams (old and FDSN ids, empty locations), IPv4 and
 * IPv6 clients (some in the GeoIP test ranges), SeedLink and DataLink, agents with spaces, hourly blocks, both
 * time formats. Deterministic for a seed.
 */
public final class TxLogGenerator {

    private static final String[] AGENTS = {"slinktool/4.11", "SeisComP seedlink plugin", "ObsPy 1.4.0", "slarchive/2.2",
            "Java SeedLink 1.0 (SeisGram)", "ringserver/2020.075", "dali client", "Earthworm slink2ew 2.7"};
    private static final String[] BANDS = {"B", "H", "L", "S", "E"};
    private static final String[] SOURCES = {"H", "N"};
    private static final String[] AXES = {"Z", "N", "E"};
    private static final DateTimeFormatter OLD = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    record Client(String host, String address, String protocol, String agent, Instant connected, int[] streams) {
    }

    private final Random random;
    private final List<String[]> streams = new ArrayList<>();
    private final List<Client> clients = new ArrayList<>();

    TxLogGenerator(long seed, int clientCount, int streamCount, int fullFeeds, Instant day) {
        random = new Random(seed);
        for (int i = 0; i < streamCount; i++) {
            String network = code(2, i % 150);
            String station = "S" + Integer.toString(i / 15, 36).toUpperCase();
            String location = switch (i % 4) { case 0 -> ""; case 1 -> "00"; case 2 -> "10"; default -> "20"; };
            String band = BANDS[(i / 3) % BANDS.length];
            String source = SOURCES[(i / 15) % SOURCES.length];
            String axis = AXES[i % 3];
            streams.add(new String[] {network, station, location, band, source, axis});
        }
        for (int c = 0; c < clientCount; c++) {
            int size = Math.min(streamCount, c < fullFeeds ? 1_500 + random.nextInt(1_500) : 3 + random.nextInt(30));
            // Distinct streams per client, as ringserver logs one line per stream.
            java.util.LinkedHashSet<Integer> picked = new java.util.LinkedHashSet<>();
            int start = random.nextInt(streamCount);
            int stride = 1 + random.nextInt(7);
            for (int s = 0; picked.size() < size; s++) {
                picked.add((start + s * stride + s / streamCount) % streamCount);
            }
            int[] chosen = picked.stream().mapToInt(Integer::intValue).toArray();
            boolean v6 = c % 10 == 0;
            String address = switch (c % 50) {
                case 1 -> "81.2.69." + (140 + c % 4);
                case 2 -> "89.160.20." + (112 + c % 16);
                case 3 -> "216.160.83." + (56 + c % 8);
                default -> v6 ? "2001:218:" + Integer.toHexString(c) + "::" + Integer.toHexString(c % 255 + 1)
                        : (11 + c % 200) + "." + (c / 200 % 256) + "." + (c % 256) + "." + (1 + c % 254);
            };
            String host = v6 ? "v6-client-" + c + ".example.net" : "client-" + c + ".example.org";
            String protocol = c % 5 == 0 ? "DataLink" : "SeedLink";
            clients.add(new Client(host, address, protocol, AGENTS[c % AGENTS.length],
                    day.minusSeconds(random.nextInt(3 * 86_400)), chosen));
        }
    }

    private static String code(int length, int index) {
        String letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        return "" + letters.charAt(index / 26 % 26) + letters.charAt(index % 26);
    }

    /**
     * Writes {@code files} logs covering 24 hours from {@code day}, hourly blocks per client. The first half of the
     * files use the older format (stream ids and times), the rest ringserver v4's.
     *
     * @return the files written, and the count of stream lines in {@code lines[0]}
     */
    List<Path> write(Path folder, Instant day, int files, long[] lines) throws IOException {
        List<Path> written = new ArrayList<>();
        int hoursPerFile = 24 / files;
        for (int f = 0; f < files; f++) {
            boolean v4 = f >= files / 2;
            Instant from = day.plusSeconds(3_600L * hoursPerFile * f);
            Instant to = from.plusSeconds(3_600L * hoursPerFile);
            Path file = folder.resolve("txlog-" + ISO.format(from).replace(":", "").replace("-", "").replace("Z", "")
                    + "-" + ISO.format(to).replace(":", "").replace("-", "").replace("Z", ""));
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                for (int h = 1; h <= hoursPerFile; h++) {
                    Instant logTime = from.plusSeconds(3_600L * h).minusSeconds(1);
                    DateTimeFormatter format = v4 ? ISO : OLD;
                    for (Client client : clients) {
                        // A client is not online every hour; idle ones are left out, as ringserver does.
                        if (random.nextInt(10) == 0) {
                            continue;
                        }
                        out.write("START CLIENT " + client.host() + " [" + client.address() + "] (" + client.protocol() + "|"
                                + client.agent() + ") @ " + format.format(logTime) + " (connected "
                                + format.format(client.connected()) + ") TX\n");
                        long total = 0;
                        for (int s : client.streams()) {
                            String[] id = streams.get(s);
                            long packets = 1 + random.nextInt(60);
                            long bytes = packets * 512;
                            total += bytes;
                            String streamId = v4
                                    ? "FDSN:" + id[0] + "_" + id[1] + "_" + id[2] + "_" + id[3] + "_" + id[4] + "_" + id[5]
                                    : id[0] + "_" + id[1] + "_" + id[2] + "_" + id[3] + id[4] + id[5];
                            out.write(streamId + "/MSEED " + bytes + " " + packets + "\n");
                            lines[0]++;
                        }
                        out.write("END CLIENT " + client.host() + " [" + client.address() + "] total TX bytes: " + total + "\n");
                    }
                }
            }
            written.add(file);
        }
        return written;
    }
}
