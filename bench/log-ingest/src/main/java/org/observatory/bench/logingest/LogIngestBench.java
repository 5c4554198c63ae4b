package org.observatory.bench.logingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.observatory.logingest.txlog.ParserLimits;
import org.observatory.logingest.txlog.Rejection;
import org.observatory.logingest.txlog.TxBlock;
import org.observatory.logingest.txlog.TxLogParser;
import org.observatory.testsupport.LocalIssuer;
import org.observatory.testsupport.LocalPostgres;

/**
 * Ingests one generated day of TX logs through the real service's API, then COPYs the rows it stored into the
 * same (truncated) table, and prints stream lines per second for both, their ratio, and the parse rate alone.
 *
 * <p>Arguments: repository root, and optionally clients, streams, full-feed clients, files, concurrency.
 */
public final class LogIngestBench {

    private static final String SECRET = "bench-client-hash-secret";
    private static final String DATABASE = "logbench";
    /** What the service writes per stream line. */
    private static final String COLUMNS = "log_time, connect_time, block_key, stream_id, network, station, location, "
            + "channel, band, source, subsource, bytes, packets, protocol, agent, client_hash, country, city, geohash";

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]).toAbsolutePath();
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        int streams = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        int fullFeeds = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        int files = args.length > 4 ? Integer.parseInt(args[4]) : 4;
        int concurrency = args.length > 5 ? Integer.parseInt(args[5]) : 2;
        Path geoip = root.resolve("../shared/data/geoip/GeoLite2-City-Test.mmdb").normalize();
        Instant day = Instant.parse("2026-03-16T00:00:00Z");

        Path folder = Files.createTempDirectory("txlog-bench");
        long[] lines = new long[1];
        long t0 = System.nanoTime();
        List<Path> logs = new TxLogGenerator(42, clients, streams, fullFeeds, day).write(folder, day, files, lines);
        long bytes = 0;
        for (Path log : logs) {
            bytes += Files.size(log);
        }
        System.out.printf("generated %d files, %,d stream lines, %,d MB in %.1f s (%d clients, %d streams, %d full feeds)%n",
                logs.size(), lines[0], bytes >> 20, seconds(t0), clients, streams, fullFeeds);

        // Parse alone: the parser over the files, nothing else.
        long parsed = 0;
        t0 = System.nanoTime();
        for (Path log : logs) {
            parsed += parseOnly(log);
        }
        double parseSeconds = seconds(t0);
        System.out.printf("parse only:  %,d stream lines in %.2f s = %,.0f lines/s%n", parsed, parseSeconds, parsed / parseSeconds);

        try (LocalPostgres postgres = LocalPostgres.start(DATABASE); LocalIssuer issuer = LocalIssuer.start()) {
            int port = freePort();
            Process service = startService(root, postgres, issuer, port, geoip);
            try {
                awaitReady(port, service);
                String token = issuer.token("bench", List.of("logs:write"));

                // 1. Through the API, as operators would post rotated files.
                t0 = System.nanoTime();
                long stored = postAll(logs, port, token, concurrency);
                double apiSeconds = seconds(t0);
                long apiRows = countRows(postgres);
                System.out.printf("API:         %,d stream lines stored in %.2f s = %,.0f lines/s (%d files, %d concurrent requests)%n",
                        stored, apiSeconds, stored / apiSeconds, logs.size(), concurrency);

                // 2. The same rows, by COPY into the same (emptied) table.
                Path rows = folder.resolve("rows.copy");
                try (Connection jdbc = DriverManager.getConnection(postgres.jdbcUrl(DATABASE), LocalPostgres.USER, "")) {
                    long exported = exportRows(jdbc, rows);
                    try (Statement s = jdbc.createStatement()) {
                        s.execute("TRUNCATE log_event");
                        s.execute("TRUNCATE log_dirty_hour");
                    }
                    org.postgresql.copy.CopyManager copy = jdbc.unwrap(org.postgresql.PGConnection.class).getCopyAPI();
                    t0 = System.nanoTime();
                    long copied;
                    try (Reader reader = Files.newBufferedReader(rows, StandardCharsets.UTF_8)) {
                        copied = copy.copyIn("COPY log_event (" + COLUMNS + ") FROM STDIN", reader);
                    }
                    double copySeconds = seconds(t0);
                    long copyRows = countRows(postgres);
                    System.out.printf("COPY:        %,d stream lines copied in %.2f s = %,.0f lines/s%n",
                            copied, copySeconds, copied / copySeconds);
                    System.out.printf("rows in table: API %,d, COPY %,d (exported %,d)%n", apiRows, copyRows, exported);
                    System.out.printf("ratio API/COPY: %.2f (target 0.5 or better)%n",
                            (stored / apiSeconds) / (copied / copySeconds));
                }
            } finally {
                service.destroy();
                if (!service.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    service.destroyForcibly().waitFor();
                }
            }
        } finally {
            try (var walk = Files.walk(folder)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static long parseOnly(Path log) throws IOException {
        long[] count = new long[1];
        try (InputStream in = Files.newInputStream(log)) {
            TxLogParser.parse(new ObjectMapper(), in, ParserLimits.at(Instant.now()), new TxLogParser.Sink() {
                @Override
                public void block(TxBlock block) {
                    count[0] += block.streams().size();
                }

                @Override
                public void rejected(Rejection rejection) {
                    throw new IllegalStateException("generated log rejected: " + rejection);
                }
            });
        }
        return count[0];
    }

    private static Process startService(Path root, LocalPostgres postgres, LocalIssuer issuer, int port, Path geoip)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder("java", "-Xmx1g", "-jar",
                root.resolve("log-ingest/target/quarkus-app/quarkus-run.jar").toString());
        Map<String, String> env = builder.environment();
        env.put("DB_HOST", "127.0.0.1");
        env.put("DB_PORT", String.valueOf(postgres.port()));
        env.put("DB_NAME", DATABASE);
        env.put("DB_USER", LocalPostgres.USER);
        env.put("DB_PASSWORD", "unused-with-trust-auth");
        env.put("HTTP_PORT", String.valueOf(port));
        // Health is on the management interface: the suite's convention, HTTP port + 1000.
        env.put("MANAGEMENT_PORT", String.valueOf(port + 1000));
        env.put("MANAGEMENT_HOST", "127.0.0.1");
        env.put("HTTP_HOST", "127.0.0.1");
        env.put("OIDC_ISSUER", issuer.url());
        env.put("LOGS_CLIENT_HASH_SECRET", SECRET);
        env.put("LOGS_GEOIP_CITY_DB", geoip.toString());
        // The jobs would compete with the measurement; COPY does not run them either.
        env.put("LOGS_ROLLUP_CRON", "off");
        env.put("LOGS_STATS_CRON", "off");
        // Tuning knobs pass through from the bench's environment.
        for (String knob : List.of("LOGS_BATCH_ROWS", "DB_POOL_SIZE")) {
            if (System.getenv(knob) != null) {
                env.put(knob, System.getenv(knob));
            }
        }
        builder.redirectErrorStream(true);
        builder.redirectOutput(root.resolve("bench/log-ingest/target/service.log").toFile());
        return builder.start();
    }

    private static void awaitReady(int port, Process service) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + (port + 1000) + "/q/health/ready")).build();
        for (int i = 0; i < 240; i++) {
            if (!service.isAlive()) {
                throw new IllegalStateException("the service exited; see bench/log-ingest/target/service.log");
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the service did not become ready in 2 minutes");
    }

    private static long postAll(List<Path> logs, int port, String token, int concurrency) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ObjectMapper json = new ObjectMapper();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<Long>> results = new ArrayList<>();
            for (Path log : logs) {
                results.add(pool.submit(() -> {
                    HttpRequest post = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/logs/txlog"))
                            .header("Authorization", "Bearer " + token).header("Content-Type", "text/plain")
                            .timeout(Duration.ofMinutes(10))
                            .POST(HttpRequest.BodyPublishers.ofFile(log)).build();
                    HttpResponse<String> answer = http.send(post, HttpResponse.BodyHandlers.ofString());
                    if (answer.statusCode() != 200) {
                        throw new IllegalStateException("POST " + log.getFileName() + " answered " + answer.statusCode() + ": " + answer.body());
                    }
                    JsonNode report = json.readTree(answer.body());
                    if (report.get("rejectedLines").asLong() != 0) {
                        throw new IllegalStateException("rejections: " + report.get("rejections"));
                    }
                    return report.get("streamsStored").asLong();
                }));
            }
            long stored = 0;
            for (Future<Long> result : results) {
                stored += result.get();
            }
            return stored;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The rows the API stored, in COPY text format: the same keys, client hashes and locations by construction. */
    private static long exportRows(Connection jdbc, Path target) throws Exception {
        org.postgresql.copy.CopyManager copy = jdbc.unwrap(org.postgresql.PGConnection.class).getCopyAPI();
        try (BufferedWriter out = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            return copy.copyOut("COPY (SELECT " + COLUMNS + " FROM log_event) TO STDOUT", out);
        }
    }

    private static long countRows(LocalPostgres postgres) throws Exception {
        try (Connection jdbc = DriverManager.getConnection(postgres.jdbcUrl(DATABASE), LocalPostgres.USER, "");
             Statement s = jdbc.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM log_event")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
