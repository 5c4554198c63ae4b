package org.observatory.bench.perfarchive;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.observatory.testsupport.LocalPostgres;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * A perfSONAR 5 mesh through pScheduler's http archiver endpoint: every ordered pair of {@code hosts} runs
 * latencybg every minute, trace every 10 minutes and throughput every 4 hours; one POST per run, with Basic
 * auth and x-ps-observer as a pSConfig-generated archive sends them. Measures runs/s and rows/s of the API, then
 * COPYs exactly the rows it stored (ps_value and ps_pscheduler_run) into the emptied tables: the ratio COPY/API.
 */
final class Ps5MixBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RUNS = "/perf/pscheduler/runs";
    /** Each warm-up round posts this much of an earlier day: the JIT needs rounds, not a day's volume each. */
    private static final double WARM_UP_HOURS = 0.1;
    /** 2026-11-29T00:00:00Z: the measured day; warm-up rounds use the days before it. */
    private static final long DAY = 1_795_910_400L;

    private final PerfArchiveBench bench;
    private final double hours;
    private final int hosts;
    private final int clients;
    private final int measured;
    private final int minWarmUp;

    Ps5MixBench(PerfArchiveBench bench, double hours, int hosts, int clients, int measured, int minWarmUp) {
        this.minWarmUp = minWarmUp;
        this.bench = bench;
        this.hours = hours;
        this.hosts = hosts;
        this.clients = clients;
        this.measured = measured;
    }

    void bench(LocalPostgres pg, ProcessHandle service) throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString(("perfsonar:" + bench.token).getBytes(StandardCharsets.UTF_8));
        int[] counts = new int[3];
        List<PerfArchiveBench.Request> requests = mix(DAY, hours, basic, counts);
        long bytes = requests.stream().mapToLong(r -> r.body().length).sum();
        System.out.printf("perfSONAR 5 mix: %d hosts (%d ordered pairs), %.2f h of the day: %d latencybg + %d trace + %d throughput"
                        + " runs, %.1f MB of result documents, %d clients%n", hosts, hosts * (hosts - 1), hours, counts[0],
                counts[1], counts[2], bytes / 1e6, clients);
        // Warm-up on earlier days (the metadata are created there, as on a running archive), until the JIT is done:
        // at least minWarmUp rounds (15 by default: on 2 cores the service's CPU per round still falls from 3.4 s to
        // 0.6 s over the first 15 rounds of 2,526 runs, the JIT compiling), then until a round is no faster than the
        // best before.
        double best = Double.MAX_VALUE;
        for (int round = 1; round <= minWarmUp + 6; round++) {
            double cpu0 = PerfArchiveBench.cpuSeconds(service);
            double seconds = bench.load(mix(DAY - round * 86_400L, Math.min(hours, WARM_UP_HOURS), basic, new int[3]), clients, new AtomicLong());
            System.out.printf("  warm-up round %d: %.2f s (service CPU %.1f s)%n", round, seconds, PerfArchiveBench.cpuSeconds(service) - cpu0);
            if (round >= minWarmUp && seconds > best * 0.97) {
                break;
            }
            best = Math.min(best, seconds);
        }
        ProcessHandle postmaster;
        try (Connection db = DriverManager.getConnection(pg.jdbcUrl("perfarchive"), LocalPostgres.USER, "")) {
            postmaster = ProcessHandle.of(PerfArchiveBench.count(db, "SELECT pg_backend_pid()")).orElseThrow().parent().orElseThrow();
        }
        double[] api = new double[measured];
        double[] copy = new double[measured];
        double[] ratios = new double[measured];
        long rows = 0;
        PerfArchiveBench.profiler(service, System.getenv().getOrDefault("PROFILER_START", "start,event=itimer,interval=1ms"));
        for (int run = 0; run < measured; run++) {
            try (Connection db = DriverManager.getConnection(pg.jdbcUrl("perfarchive"), LocalPostgres.USER, "")) {
                db.createStatement().execute("TRUNCATE ps_value, ps_pscheduler_run");
                db.createStatement().execute("UPDATE ps_series SET time_updated = NULL");
                db.createStatement().execute("VACUUM ANALYZE");
                PerfArchiveBench.statementStats(db, true);
            }
            double serviceCpu0 = PerfArchiveBench.cpuSeconds(service);
            double databaseCpu0 = PerfArchiveBench.cpuSeconds(postmaster);
            double clientCpu0 = PerfArchiveBench.ownCpuSeconds();
            AtomicLong failures = new AtomicLong();
            api[run] = bench.load(requests, clients, failures);
            double serviceCpu = PerfArchiveBench.cpuSeconds(service) - serviceCpu0;
            double databaseCpu = PerfArchiveBench.cpuSeconds(postmaster) - databaseCpu0;
            double clientCpu = PerfArchiveBench.ownCpuSeconds() - clientCpu0;
            if (run == measured - 1) {
                PerfArchiveBench.profiler(service, "stop,collapsed,file=" + System.getenv("PROFILER_OUT"));
            }
            try (Connection db = DriverManager.getConnection(pg.jdbcUrl("perfarchive"), LocalPostgres.USER, "")) {
                if (run == measured - 1) {
                    PerfArchiveBench.statementStats(db, false);
                }
                long values = PerfArchiveBench.count(db, "SELECT count(*) FROM ps_value");
                long runs = PerfArchiveBench.count(db, "SELECT count(*) FROM ps_pscheduler_run");
                rows = values + runs;
                CopyManager copier = db.unwrap(PGConnection.class).getCopyAPI();
                // Dumped to files, not arrays: a whole day of the mesh is gigabytes.
                Path valueDump = Files.createTempFile("ps5-values", ".copy");
                Path runDump = Files.createTempFile("ps5-runs", ".copy");
                long copied;
                long c0;
                try {
                    try (OutputStream values1 = new BufferedOutputStream(Files.newOutputStream(valueDump));
                         OutputStream runs1 = new BufferedOutputStream(Files.newOutputStream(runDump))) {
                        copier.copyOut("COPY (SELECT * FROM ps_value) TO STDOUT (FORMAT binary)", values1);
                        copier.copyOut("COPY ps_pscheduler_run TO STDOUT (FORMAT binary)", runs1);
                    }
                    db.createStatement().execute("TRUNCATE ps_value, ps_pscheduler_run");
                    db.createStatement().execute("CHECKPOINT");
                    try (InputStream values2 = new BufferedInputStream(Files.newInputStream(valueDump));
                         InputStream runs2 = new BufferedInputStream(Files.newInputStream(runDump))) {
                        c0 = System.nanoTime();
                        copied = copier.copyIn("COPY ps_value FROM STDIN (FORMAT binary)", values2)
                                + copier.copyIn("COPY ps_pscheduler_run FROM STDIN (FORMAT binary)", runs2);
                    }
                } finally {
                    Files.deleteIfExists(valueDump);
                    Files.deleteIfExists(runDump);
                }
                copy[run] = (System.nanoTime() - c0) / 1e9;
                ratios[run] = copy[run] / api[run];
                if (run == 0) {
                    System.out.printf("  rows stored by the API in each run: %d (%d ps_value rows: points and summaries, %d run"
                            + " documents), copied: %d%n", rows, values, runs, copied);
                }
                // Were the service free, the API could not finish before PostgreSQL's and the load generator's CPU
                // time, spread over every core: the ratio's ceiling for this SQL on this machine.
                double ceiling = copy[run] / ((databaseCpu + clientCpu) / Runtime.getRuntime().availableProcessors());
                System.out.printf("  run %d: API %6.2f s %6.0f runs/s %7.0f rows/s | COPY %5.2f s %7.0f rows/s | ratio %.2f |"
                                + " CPU: service %.1f s, PostgreSQL %.1f s, load generator %.1f s | ceiling with a free service %.2f"
                                + " | failures %d%n", run + 1, api[run], requests.size() / api[run], rows / api[run], copy[run],
                        copied / copy[run], ratios[run], serviceCpu, databaseCpu, clientCpu, ceiling, failures.get());
            }
        }
        System.out.printf("  median: HTTP API %.2f s (%.0f runs/s, %.0f rows/s), COPY %.2f s (%.0f rows/s); ratio API/COPY %.2f%n",
                PerfArchiveBench.median(api), requests.size() / PerfArchiveBench.median(api), rows / PerfArchiveBench.median(api),
                PerfArchiveBench.median(copy), rows / PerfArchiveBench.median(copy), PerfArchiveBench.median(ratios));
    }

    /** The runs of the mesh whose start lies in the first {@code hours} of {@code day}, shuffled as they arrive. */
    private List<PerfArchiveBench.Request> mix(long day, double hours, String basic, int[] counts) throws Exception {
        Random random = new Random(day);
        long end = day + (long) (hours * 3600);
        List<PerfArchiveBench.Request> requests = new ArrayList<>();
        int pair = 0;
        for (int s = 1; s <= hosts; s++) {
            for (int d = 1; d <= hosts; d++) {
                if (s == d) {
                    continue;
                }
                String source = "198.18.0." + s;
                String dest = "198.18.0." + d;
                for (long t = day; t < end; t += 60) {
                    requests.add(request(source, basic, latencybg(source, dest, t, random)));
                    counts[0]++;
                }
                for (long t = day + (pair * 17L) % 600; t < end; t += 600) {
                    requests.add(request(source, basic, trace(source, dest, t, random)));
                    counts[1]++;
                }
                for (long t = day + (pair * 97L) % 14_400; t < end; t += 14_400) {
                    requests.add(request(source, basic, throughput(source, dest, t, random)));
                    counts[2]++;
                }
                pair++;
            }
        }
        Collections.shuffle(requests, random);
        return requests;
    }

    private PerfArchiveBench.Request request(String observer, String basic, Map<String, Object> document) throws Exception {
        byte[] body = JSON.writeValueAsBytes(document);
        return new PerfArchiveBench.Request((String) document.get("id"), body, KeepAliveClient.request("POST", RUNS,
                "127.0.0.1:" + bench.port, basic, "x-ps-observer: " + observer + "\r\n", body));
    }

    /** The envelope pScheduler's archiver daemon wraps every result in. */
    private static Map<String, Object> document(String type, String tool, String participant, Map<String, Object> spec,
                                                long t, String duration, Map<String, Object> result) {
        String task = UUID.nameUUIDFromBytes((type + spec).getBytes(StandardCharsets.UTF_8)).toString();
        String run = UUID.nameUUIDFromBytes((task + t).getBytes(StandardCharsets.UTF_8)).toString();
        String taskHref = "https://" + participant + "/pscheduler/tasks/" + task;
        String start = java.time.Instant.ofEpochSecond(t).toString();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", run);
        doc.put("schedule", Map.of("start", start, "duration", duration));
        doc.put("test", Map.of("type", type, "spec", spec));
        doc.put("tool", Map.of("name", tool, "version", "5.0.0"));
        doc.put("participants", List.of(participant));
        doc.put("result", result);
        doc.put("run", Map.of("href", taskHref + "/runs/" + run, "task-href", taskHref, "start-time", start,
                "end-time", start, "added", start, "state", "finished", "state-display", "Finished"));
        doc.put("task", Map.of("href", taskHref, "schema", 1, "test", Map.of("type", type, "spec", spec),
                "schedule", Map.of("repeat", "PT10M")));
        doc.put("reference", Map.of("psconfig", Map.of("created-by", Map.of("uuid", "BENCH-PSCONFIG",
                "user-agent", "psconfig-pscheduler-agent")), "display-task-name", type + " mesh"));
        return doc;
    }

    private static Map<String, Object> latencybg(String source, String dest, long t, Random random) {
        Map<String, Object> histogram = new LinkedHashMap<>();
        int received = 0;
        double base = 2 + (source.hashCode() & 7) + (dest.hashCode() & 3) * 0.25;
        while (received < 598) {
            int n = Math.min(598 - received, 1 + random.nextInt(120));
            histogram.merge(String.format("%.2f", base + random.nextGaussian() * 0.05), n, (a, b) -> (int) a + (int) b);
            received += n;
        }
        int lost = random.nextInt(3);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("schema", 1);
        result.put("succeeded", true);
        result.put("packets-sent", 600);
        result.put("packets-received", 600 - lost);
        result.put("packets-lost", lost);
        result.put("packets-duplicated", 0);
        result.put("packets-reordered", 0);
        result.put("histogram-latency", histogram);
        result.put("histogram-ttl", Map.of("253", 600 - lost));
        result.put("max-clock-error", 0.53);
        return document("latencybg", "powstream", source, Map.of("schema", 1, "source", source, "dest", dest,
                "packet-interval", 0.1, "packet-count", 600, "bucket-width", 0.01), t, "PT1M", result);
    }

    private static Map<String, Object> trace(String source, String dest, long t, Random random) {
        List<Map<String, Object>> hops = new ArrayList<>();
        int count = 6 + (dest.hashCode() & 3);
        for (int h = 1; h <= count; h++) {
            Map<String, Object> hop = new LinkedHashMap<>();
            hop.put("ip", h == count ? dest : "10." + (source.hashCode() & 63) + "." + h + ".1");
            hop.put("rtt", String.format("PT%.6fS", h * 0.0011 + random.nextDouble() * 0.0002));
            if (h == 1) {
                hop.put("mtu", 9000);
            }
            hops.add(hop);
        }
        return document("trace", "traceroute", source, Map.of("schema", 1, "source", source, "dest", dest), t, "PT10S",
                Map.of("schema", 1, "succeeded", true, "paths", List.of(hops)));
    }

    private static Map<String, Object> throughput(String source, String dest, long t, Random random) {
        List<Map<String, Object>> intervals = new ArrayList<>();
        double total = 0;
        for (int i = 0; i < 10; i++) {
            double bits = 9.0e9 + random.nextDouble() * 4e8;
            total += bits;
            Map<String, Object> s = Map.of("start", i, "end", i + 1, "throughput-bits", bits, "retransmits", random.nextInt(5),
                    "rtt", 2000 + random.nextInt(300), "tcp-window-size", 3_145_728);
            intervals.add(Map.of("summary", s, "streams", List.of(new LinkedHashMap<>(s))));
        }
        Map<String, Object> summary = Map.of("start", 0, "end", 10, "throughput-bits", total / 10, "retransmits", 12,
                "rtt", 2150, "tcp-window-size", 3_145_728);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("schema", 1);
        result.put("succeeded", true);
        result.put("summary", Map.of("summary", summary, "streams", List.of(summary)));
        result.put("intervals", intervals);
        return document("throughput", "iperf3", source, Map.of("schema", 1, "source", source, "dest", dest,
                "duration", "PT10S"), t, "PT25S", result);
    }
}
