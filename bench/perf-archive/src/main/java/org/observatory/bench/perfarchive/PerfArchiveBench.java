package org.observatory.bench.perfarchive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.observatory.testsupport.LocalIssuer;
import org.observatory.testsupport.LocalPostgres;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Loads a generated perfSONAR mix through perf-archive's esmond API (bulk PUTs with an esmond Token key), then
 * COPYs the very rows the API stored (points and summaries) into the same table after truncating it, and prints
 * both rates and their ratio; then p50/p99 latencies of reading one day and one year of a series.
 */
public final class PerfArchiveBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ARCHIVE = "/esmond/perfsonar/archive";
    /** Measured runs of the write path: the machine is shared, the median of five is steadier than one. */
    private static final int RUNS = 5;
    /** 2025-01-01T00:00:00Z: a year of throughput ends at 2026-01-01. */
    private static final long START = 1_735_689_600L;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    String base;
    String managementBase;
    int port;
    String token;
    /** Set by the "ps5" mode: a perfSONAR 5 mesh through pScheduler's http archiver endpoint instead. */
    private Ps5MixBench ps5;

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        if (args.length > 1 && args[1].equals("ps5")) {
            // ps5 [hours of the day] [hosts] [clients] [measured runs] [least warm-up rounds]
            PerfArchiveBench bench = new PerfArchiveBench();
            bench.ps5 = new Ps5MixBench(bench, args.length > 2 ? Double.parseDouble(args[2]) : 24,
                    // 60 clients: three posts at a time per host of the mesh (pScheduler's archiver runs up to 25
                    // archivings of one archive type at once).
                    args.length > 3 ? Integer.parseInt(args[3]) : 20, args.length > 4 ? Integer.parseInt(args[4]) : 60,
                    args.length > 5 ? Integer.parseInt(args[5]) : 5, args.length > 6 ? Integer.parseInt(args[6]) : 15);
            bench.run(root, 0, 0, 0, 0);
            return;
        }
        int latencyMetadata = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int latencyDays = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        int throughputMetadata = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        int clients = args.length > 4 ? Integer.parseInt(args[4]) : 4;
        new PerfArchiveBench().run(root, latencyMetadata, latencyDays, throughputMetadata, clients);
    }

    private void run(Path root, int latencyMetadata, int latencyDays, int throughputMetadata, int clients) throws Exception {
        try (LocalPostgres pg = LocalPostgres.start("perfarchive"); LocalIssuer issuer = LocalIssuer.start()) {
            int port = freePort();
            // Health is on the management interface, on a free port of its own.
            int managementPort = freePort();
            File log = root.resolve("bench/perf-archive/target/service.log").toFile();
            List<String> command = new ArrayList<>(List.of("java", "-Xmx768m"));
            // SERVICE_JAVA_OPTS, e.g. a JFR recording, for profiling the service under the benchmark's load.
            String extra = System.getenv("SERVICE_JAVA_OPTS");
            if (extra != null && !extra.isBlank()) {
                command.addAll(List.of(extra.trim().split("\\s+")));
            }
            command.addAll(List.of("-jar", root.resolve("perf-archive/target/quarkus-app/quarkus-run.jar").toString()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log);
            builder.environment().putAll(Map.of("DB_HOST", "127.0.0.1", "DB_PORT", String.valueOf(pg.port()),
                    "DB_NAME", "perfarchive", "DB_USER", LocalPostgres.USER, "DB_PASSWORD", "unused",
                    "HTTP_PORT", String.valueOf(port), "HTTP_HOST", "127.0.0.1", "OIDC_ISSUER", issuer.url()));
            builder.environment().putAll(Map.of("MANAGEMENT_PORT", String.valueOf(managementPort), "MANAGEMENT_HOST", "127.0.0.1"));
            Process service = builder.start();
            try {
                this.port = port;
                managementBase = "http://127.0.0.1:" + managementPort;
                base = "http://127.0.0.1:" + port;
                awaitReady(service);
                token = createKey(issuer.token("bench-admin", List.of("measurements:admin")));
                if (ps5 != null) {
                    ps5.bench(pg, service.toHandle());
                } else {
                    bench(pg, service.toHandle(), latencyMetadata, latencyDays, throughputMetadata, clients);
                }
            } finally {
                service.destroy();
                service.waitFor();
            }
        }
    }

    private void bench(LocalPostgres pg, ProcessHandle service, int latencyMetadata, int latencyDays, int throughputMetadata, int clients)
            throws Exception {
        Random random = new Random(42);
        List<String> latencyKeys = new ArrayList<>();
        List<String> throughputKeys = new ArrayList<>();
        for (int i = 0; i < latencyMetadata; i++) {
            latencyKeys.add(createMetadata(latencyMetadata(i)));
        }
        for (int i = 0; i < throughputMetadata; i++) {
            throughputKeys.add(createMetadata(throughputMetadata(i)));
        }
        // Bodies are generated before the clock starts: the benchmark measures the archive, not the generator.
        long latencyStart = START + 364L * 86400 - (latencyDays - 1) * 86400L;
        long[] points = new long[1];
        List<Request> requests = mix(latencyKeys, throughputKeys, latencyStart, latencyDays, random, points);
        long bytes = requests.stream().mapToLong(r -> r.body.length).sum();
        System.out.printf("Generated %d metadata, %d bulk PUTs, %d raw points, %.1f MB of JSON%n",
                latencyMetadata + throughputMetadata, requests.size(), points[0], bytes / 1e6);

        // Warm up with mixes of the same size for other metadata: at least five rounds (on 2 cores the JIT's queue
        // takes that long to drain; a service in production runs warm and compiling is not ingest), then until a
        // round is no faster than the best before, then start clean.
        double best = Double.MAX_VALUE;
        for (int round = 1; round <= 8; round++) {
            List<String> warmLatency = new ArrayList<>();
            List<String> warmThroughput = new ArrayList<>();
            for (int i = 0; i < latencyMetadata; i++) {
                warmLatency.add(createMetadata(latencyMetadata(1000 * round + i)));
            }
            for (int i = 0; i < throughputMetadata; i++) {
                warmThroughput.add(createMetadata(throughputMetadata(1000 * round + i)));
            }
            List<Request> warmup = mix(warmLatency, warmThroughput, latencyStart, latencyDays, random, new long[1]);
            double seconds = load(warmup, clients, new AtomicLong());
            System.out.printf("  warm-up round %d: %.2f s%n", round, seconds);
            if (round >= 5 && seconds > best * 0.97) {
                break;
            }
            best = Math.min(best, seconds);
        }
        ProcessHandle postmaster;
        try (Connection db = DriverManager.getConnection(pg.jdbcUrl("perfarchive"), LocalPostgres.USER, "")) {
            postmaster = ProcessHandle.of(count(db, "SELECT pg_backend_pid()")).orElseThrow().parent().orElseThrow();
        }
        System.out.printf("%nWrite path (%d concurrent clients; %d runs, each from an empty table: the API load, then COPY"
                + " of exactly the rows it stored)%n", clients, RUNS);
        double[] ratios = new double[RUNS];
        double[] apiTimes = new double[RUNS];
        double[] copyTimes = new double[RUNS];
        long rows = 0;
        profiler(service, "start,event=itimer,interval=2ms");
        for (int run = 0; run < RUNS; run++) {
            try (Connection db = DriverManager.getConnection(pg.jdbcUrl("perfarchive"), LocalPostgres.USER, "")) {
                db.createStatement().execute("TRUNCATE ps_value");
                db.createStatement().execute("UPDATE ps_series SET time_updated = NULL");
                db.createStatement().execute("VACUUM ANALYZE");
                statementStats(db, true);
            }
            double serviceCpu0 = cpuSeconds(service);
            double databaseCpu0 = cpuSeconds(postmaster);
            double clientCpu0 = ownCpuSeconds();
            long[] machine0 = machineTicks();
            AtomicLong failures = new AtomicLong();
            double apiSeconds = load(requests, clients, failures);
            double serviceCpu = cpuSeconds(service) - serviceCpu0;
            double databaseCpu = cpuSeconds(postmaster) - databaseCpu0;
            double clientCpu = ownCpuSeconds() - clientCpu0;
            long[] machine1 = machineTicks();
            if (run == RUNS - 1) {
                profiler(service, "stop,collapsed,file=" + System.getenv("PROFILER_OUT"));
            }

            try (Connection db = DriverManager.getConnection(pg.jdbcUrl("perfarchive"), LocalPostgres.USER, "")) {
                if (run == RUNS - 1) {
                    statementStats(db, false);
                }
                rows = count(db, "SELECT count(*) FROM ps_value");
                long summaryRows = count(db, "SELECT count(*) FROM ps_value v JOIN ps_series s ON s.id = v.series_id "
                        + "WHERE s.summary_type <> 'base'");
                CopyManager copy = db.unwrap(PGConnection.class).getCopyAPI();
                ByteArrayOutputStream dump = new ByteArrayOutputStream();
                copy.copyOut("COPY (SELECT * FROM ps_value) TO STDOUT (FORMAT binary)", dump);
                // The stored rows, fresh and the same: truncate, then load them back with COPY.
                db.createStatement().execute("TRUNCATE ps_value");
                db.createStatement().execute("CHECKPOINT");
                long c0 = System.nanoTime();
                long copied = copy.copyIn("COPY ps_value FROM STDIN (FORMAT binary)", new ByteArrayInputStream(dump.toByteArray()));
                double copySeconds = (System.nanoTime() - c0) / 1e9;
                db.createStatement().execute("VACUUM ANALYZE ps_value");
                if (run == 0) {
                    System.out.printf("  rows stored by the API in each run: %d (%d raw points + %d summary rows), copied: %d%n",
                            rows, rows - summaryRows, summaryRows, copied);
                }
                apiTimes[run] = apiSeconds;
                copyTimes[run] = copySeconds;
                ratios[run] = copySeconds / apiSeconds;
                System.out.printf("  run %d: API %5.2f s %7.0f rows/s | COPY %5.2f s %7.0f rows/s | ratio %.2f | CPU: service %.1f s,"
                                + " PostgreSQL %.1f s, client %.1f s, machine %.0f %% busy | failures %d%n", run + 1, apiSeconds,
                        rows / apiSeconds, copySeconds, copied / copySeconds, ratios[run], serviceCpu, databaseCpu, clientCpu,
                        100.0 * (machine1[0] - machine0[0]) / Math.max(1, machine1[1] - machine0[1]), failures.get());
            }
        }
        System.out.printf("  median: HTTP API %.2f s (%.0f rows/s, %.0f raw points/s, summaries computed on ingest),"
                        + " COPY %.2f s (%.0f rows/s)%n", median(apiTimes), rows / median(apiTimes), points[0] / median(apiTimes),
                median(copyTimes), rows / median(copyTimes));
        System.out.printf("  ratio API/COPY (median of the runs): %.2f%n", median(ratios));

        String day = latencyKeys.get(0);
        long dayStart = latencyStart;
        String year = throughputKeys.get(0);
        System.out.printf("%nRead latency (esmond client paging: limit=1000, time-start = last ts + 1)%n");
        latency("one day of histogram-owdelay (1440 points)", () ->
                readAll(ARCHIVE + "/" + day + "/histogram-owdelay/base", dayStart, dayStart + 86399));
        latency("one day of histogram-owdelay statistics/3600 (24 points)", () ->
                readAll(ARCHIVE + "/" + day + "/histogram-owdelay/statistics/3600", dayStart, dayStart + 86399));
        latency("one year of throughput (2190 points)", () ->
                readAll(ARCHIVE + "/" + year + "/throughput/base", START, START + 365L * 86400 - 1));
        latency("one year of throughput averages/86400 (365 points)", () ->
                readAll(ARCHIVE + "/" + year + "/throughput/averages/86400", START, START + 365L * 86400 - 1));
    }

    /** PUTs the requests from {@code clients} threads, each on its own kept-alive connection; answers the seconds. */
    double load(List<Request> requests, int clients, AtomicLong failures) throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            Thread thread = new Thread(() -> {
                KeepAliveClient client = new KeepAliveClient("127.0.0.1", port);
                for (int i = next.getAndIncrement(); i < requests.size(); i = next.getAndIncrement()) {
                    Request r = requests.get(i);
                    try {
                        KeepAliveClient.Response response = client.send(r.http());
                        if (response.status() / 100 != 2) {
                            throw new IllegalStateException(r.key() + ": " + response.status() + " " + response.body());
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                        System.err.println("PUT failed: " + e.getMessage());
                        try {
                            client.close();
                        } catch (IOException ignored) {
                            // a new connection is opened for the next request
                        }
                    }
                }
                try {
                    client.close();
                } catch (IOException ignored) {
                    // done
                }
            }, "bench-client-" + c);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /** The generated mix as bulk PUTs (shuffled); {@code points[0]} receives the number of raw points. */
    private List<Request> mix(List<String> latencyKeys, List<String> throughputKeys, long latencyStart,
                                     int latencyDays, Random random, long[] points) throws IOException {
        List<Request> requests = new ArrayList<>();
        for (String key : latencyKeys) {
            for (int hour = 0; hour < latencyDays * 24; hour++) {
                List<Object> data = new ArrayList<>();
                for (int minute = 0; minute < 60; minute++) {
                    long ts = latencyStart + hour * 3600L + minute * 60L + 7;
                    data.add(Map.of("ts", ts, "val", latencyResult(random)));
                    points[0] += 8;
                }
                requests.add(request(key, data));
            }
        }
        for (String key : throughputKeys) {
            List<Object> data = new ArrayList<>();
            for (int run = 0; run < 365 * 6; run++) {
                data.add(Map.of("ts", START + run * 14_400L + 123, "val", throughputResult(random)));
                points[0] += 5;
                if (data.size() == 42) {
                    requests.add(request(key, data));
                    data = new ArrayList<>();
                }
            }
            if (!data.isEmpty()) {
                requests.add(request(key, data));
            }
        }
        java.util.Collections.shuffle(requests, random);
        return requests;
    }

    /** A bulk PUT: its JSON body and the whole HTTP request, prepared before the clock starts. */
    record Request(String key, byte[] body, byte[] http) {
    }

    private Request request(String key, Object data) throws IOException {
        byte[] body = JSON.writeValueAsBytes(Map.of("data", data));
        return new Request(key, body, KeepAliveClient.request("PUT", ARCHIVE + "/" + key + "/", "127.0.0.1:" + port,
                "Token " + token, body));
    }

    private interface Read {
        int run() throws Exception;
    }

    private static void latency(String label, Read read) throws Exception {
        int expected = read.run();
        for (int i = 0; i < 20; i++) {
            read.run();
        }
        long[] nanos = new long[200];
        for (int i = 0; i < nanos.length; i++) {
            long t = System.nanoTime();
            int n = read.run();
            nanos[i] = System.nanoTime() - t;
            if (n != expected) {
                throw new IllegalStateException(label + ": read " + n + " points, expected " + expected);
            }
        }
        Arrays.sort(nanos);
        System.out.printf("  %-58s p50 %7.2f ms  p99 %7.2f ms  (%d points, %d reads)%n", label,
                nanos[nanos.length / 2] / 1e6, nanos[(int) (nanos.length * 0.99)] / 1e6, expected, nanos.length);
    }

    /** Reads a range as the esmond client does; answers the number of points. */
    private int readAll(String path, long start, long end) throws Exception {
        int total = 0;
        long from = start;
        while (true) {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(base + path + "?limit=1000&time-start="
                    + from + "&time-end=" + end)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(path + ": " + response.statusCode());
            }
            JsonNode rows = JSON.readTree(response.body());
            total += rows.size();
            if (rows.size() < 1000) {
                return total;
            }
            from = rows.get(rows.size() - 1).get("ts").asLong() + 1;
        }
    }

    private static Map<String, Object> summary(String type, long window) {
        return Map.of("summary-type", type, "summary-window", String.valueOf(window));
    }

    private static Map<String, Object> eventType(String name, Map<?, ?>... summaries) {
        return Map.of("event-type", name, "summaries", List.of(summaries));
    }

    /** What pScheduler's esmond archiver declares for a latency (powstream) test. */
    private static Map<String, Object> latencyMetadata(int i) {
        Map<String, Object> m = subject("bench/powstream", i, "latencybg");
        m.put("event-types", List.of(
                eventType("histogram-owdelay", summary("aggregation", 3600), summary("aggregation", 86400),
                        summary("statistics", 0), summary("statistics", 3600), summary("statistics", 86400)),
                eventType("histogram-ttl", summary("aggregation", 86400), summary("statistics", 0)),
                eventType("packet-count-sent", summary("aggregation", 3600), summary("aggregation", 86400)),
                eventType("packet-count-lost", summary("aggregation", 3600), summary("aggregation", 86400)),
                eventType("packet-loss-rate", summary("aggregation", 3600), summary("aggregation", 86400)),
                eventType("packet-duplicates", summary("aggregation", 3600), summary("aggregation", 86400)),
                eventType("packet-reorders"), eventType("time-error-estimates"),
                eventType("failures"), eventType("pscheduler-run-href")));
        m.put("sample-bucket-width", "0.0001");
        m.put("ip-packet-interval", "0.1");
        return m;
    }

    private static Map<String, Object> throughputMetadata(int i) {
        Map<String, Object> m = subject("bench/iperf3", i, "throughput");
        m.put("event-types", List.of(
                eventType("throughput", summary("average", 86400), summary("aggregation", 86400)),
                eventType("packet-retransmits", summary("aggregation", 86400)),
                eventType("throughput-subintervals"), eventType("packet-retransmits-subintervals"),
                eventType("failures"), eventType("pscheduler-run-href")));
        m.put("ip-transport-protocol", "tcp");
        return m;
    }

    private static Map<String, Object> subject(String tool, int i, String testType) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("subject-type", "point-to-point");
        m.put("source", "10.0." + (i / 250) + "." + (i % 250 + 1));
        m.put("destination", "10.1." + (i / 250) + "." + (i % 250 + 1));
        m.put("measurement-agent", m.get("source"));
        m.put("input-source", "host" + i + ".a.example.net");
        m.put("input-destination", "host" + i + ".b.example.net");
        m.put("tool-name", tool);
        m.put("time-duration", 60.0);
        m.put("pscheduler-test-type", testType);
        return m;
    }

    /** One minute of powstream: 600 packets' one-way delays (0.01 ms buckets), TTLs, counts. */
    private static List<Object> latencyResult(Random random) {
        Map<String, Integer> owdelay = new java.util.TreeMap<>();
        double centre = 20 + random.nextDouble() * 5;
        int lost = random.nextInt(100) == 0 ? random.nextInt(30) : 0;
        for (int p = 0; p < 600 - lost; p++) {
            String bucket = String.format("%.2f", centre + Math.abs(random.nextGaussian()) * 0.3);
            owdelay.merge(bucket, 1, Integer::sum);
        }
        int ninth = random.nextInt(600 - lost + 1);
        return List.of(
                Map.of("event-type", "histogram-owdelay", "val", owdelay),
                Map.of("event-type", "histogram-ttl", "val", Map.of("9", ninth, "10", 600 - lost - ninth)),
                Map.of("event-type", "packet-count-sent", "val", 600),
                Map.of("event-type", "packet-count-lost", "val", lost),
                Map.of("event-type", "packet-loss-rate", "val", Map.of("numerator", lost, "denominator", 600)),
                Map.of("event-type", "packet-duplicates", "val", 0),
                Map.of("event-type", "packet-reorders", "val", 0),
                Map.of("event-type", "time-error-estimates", "val", 0.0001 + random.nextDouble() / 10000));
    }

    /** One iperf3 run: throughput, retransmits, and their ten 1-second subintervals. */
    private static List<Object> throughputResult(Random random) {
        List<Object> subintervals = new ArrayList<>();
        List<Object> retransmitIntervals = new ArrayList<>();
        long total = 0;
        for (int s = 0; s < 10; s++) {
            long bits = 8_000_000_000L + random.nextInt(1_000_000_000);
            total += bits;
            subintervals.add(Map.of("start", s, "duration", 1.0, "val", bits));
            retransmitIntervals.add(Map.of("start", s, "duration", 1.0, "val", random.nextInt(5)));
        }
        return List.of(
                Map.of("event-type", "throughput", "val", total / 10),
                Map.of("event-type", "packet-retransmits", "val", random.nextInt(40)),
                Map.of("event-type", "throughput-subintervals", "val", subintervals),
                Map.of("event-type", "packet-retransmits-subintervals", "val", retransmitIntervals),
                Map.of("event-type", "pscheduler-run-href", "val", "https://ps.example.net/pscheduler/tasks/t/runs/" + random.nextInt()));
    }

    private String createKey(String adminToken) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/perf/keys"))
                .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"bench\",\"description\":\"benchmark\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("creating a key: " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body()).get("key").asText();
    }

    private String createMetadata(Map<String, Object> body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + ARCHIVE + "/"))
                .header("Authorization", "Token " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("metadata: " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body()).get("metadata-key").asText();
    }

    private void awaitReady(Process service) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new IllegalStateException("the service exited; see bench/perf-archive/target/service.log");
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(managementBase + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the service did not become ready in 90 s");
    }

    /**
     * With PROFILER_LIB (async-profiler's libasyncProfiler.so) and PROFILER_OUT: profiles the service during the API
     * load only, loading the agent into it with jcmd.
     */
    static void profiler(ProcessHandle service, String command) throws Exception {
        String lib = System.getenv("PROFILER_LIB");
        if (lib == null || lib.isBlank()) {
            return;
        }
        // Quoted: jcmd would read the agent options as its own key=value arguments.
        Process jcmd = new ProcessBuilder("jcmd", String.valueOf(service.pid()), "JVMTI.agent_load", lib, "\"" + command + "\"")
                .inheritIO().start();
        // jcmd answers 0 even when the agent refuses its options: the agent's own message says so.
        if (jcmd.waitFor() != 0) {
            throw new IllegalStateException("jcmd " + command + " failed");
        }
    }

    /** CPU time of a process and its live descendants (PostgreSQL's backends are the postmaster's children). */
    static double cpuSeconds(ProcessHandle process) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(process), process.descendants())
                .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toMillis).orElse(0L)).sum() / 1000.0;
    }

    /**
     * With LOCAL_PG_OPTIONS="-c shared_preload_libraries=pg_stat_statements": resets the statistics before the
     * API load ({@code reset}) and prints PostgreSQL's time per statement after it.
     */
    static void statementStats(Connection db, boolean reset) throws Exception {
        try (ResultSet rs = db.createStatement().executeQuery("SHOW shared_preload_libraries")) {
            rs.next();
            if (!rs.getString(1).contains("pg_stat_statements")) {
                return;
            }
        }
        if (reset) {
            db.createStatement().execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            db.createStatement().execute("SELECT pg_stat_statements_reset()");
            return;
        }
        System.out.printf("%nPostgreSQL time per statement during the API load (pg_stat_statements)%n");
        try (ResultSet rs = db.createStatement().executeQuery("""
                SELECT calls, rows, round(total_exec_time::numeric / 1000, 2), round(total_plan_time::numeric / 1000, 2),
                       regexp_replace(left(query, 110), '\\s+', ' ', 'g')
                FROM pg_stat_statements ORDER BY total_exec_time + total_plan_time DESC LIMIT 15""")) {
            while (rs.next()) {
                System.out.printf("  %6d calls %8d rows  exec %6.2f s  plan %5.2f s  %s%n", rs.getLong(1), rs.getLong(2),
                        rs.getDouble(3), rs.getDouble(4), rs.getString(5));
            }
        }
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** CPU time of this process alone (its children include the service). */
    static double ownCpuSeconds() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(0L) / 1000.0;
    }

    /** Busy and total CPU ticks of the machine, from /proc/stat (zeros where there is none). */
    static long[] machineTicks() {
        try {
            String[] cpu = java.nio.file.Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < cpu.length; i++) {
                total += Long.parseLong(cpu[i]);
            }
            long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
            return new long[]{total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[]{0, 0};
        }
    }

    static long count(Connection db, String sql) throws Exception {
        try (ResultSet rs = db.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
