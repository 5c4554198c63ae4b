package org.observatory.bench.registry;

import java.io.IOException;
import java.io.StringReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.observatory.testsupport.LocalIssuer;
import org.observatory.testsupport.LocalPostgres;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

/**
 * Runs the real service jar against a private PostgreSQL and measures: registrations per second through
 * Indico's API against COPY of the same rows, then one crawl run of every instance (crawls per second at the
 * configured concurrency, the service's memory, failures by reason against the expected mix).
 */
public final class RegistryBench {

    private static final String[] ORGS = {"CERN", "Universität Wien", "INFN", "DESY", "Fermilab", "IN2P3",
            "University of Oxford", "ETH Zürich", "KEK", "Academia Sinica", "CNRS", "Universidad de Granada"};
    private static final String[] NAMES = {"Maria Rossi", "Jean Dupont", "Anna Müller", "John Smith", "Li Wei",
            "Sofia García", "Pedro Alves", "Kenji Sato"};

    record Registration(int n, String url, String key, String contact, String email, String organization) {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        int instances = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        int clients = args.length > 3 ? Integer.parseInt(args[3]) : 16;
        String timeout = "PT3S";
        Path jar = root.resolve("instance-registry/target/quarkus-app/quarkus-run.jar");

        try (LocalPostgres postgres = LocalPostgres.start("registry");
             LocalIssuer issuer = LocalIssuer.start();
             TargetServer targets = new TargetServer()) {
            int port = freePort();
            Path log = Files.createTempFile("instance-registry-bench-", ".log");
            ProcessBuilder builder = new ProcessBuilder("java", "-Xmx512m", "-jar", jar.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.put("HTTP_PORT", String.valueOf(port));
            // Health and metrics are on the management interface, on a free port of its own.
            int managementPort = freePort();
            env.put("MANAGEMENT_PORT", String.valueOf(managementPort));
            env.put("MANAGEMENT_HOST", "127.0.0.1");
            env.put("HTTP_HOST", "127.0.0.1");
            env.put("DB_HOST", "127.0.0.1");
            env.put("DB_PORT", String.valueOf(postgres.port()));
            env.put("DB_NAME", "registry");
            env.put("DB_USER", LocalPostgres.USER);
            env.put("DB_PASSWORD", "unused-with-trust-auth");
            env.put("OIDC_ISSUER", issuer.url());
            env.put("CRAWL_CRON", "off");
            env.put("CRAWL_CONCURRENCY", String.valueOf(concurrency));
            env.put("CRAWL_REQUEST_TIMEOUT", timeout);
            env.put("CRAWL_MAX_RESPONSE_BYTES", "262144");
            // The benchmark's targets are on loopback: allowed here, and only here.
            env.put("CRAWL_ALLOWED_NETWORKS", "127.0.0.0/8");
            env.put("REGISTRY_REGISTRATIONS_PER_WINDOW", String.valueOf(instances * 2));
            env.put("GEOIP_DATABASE", root.resolveSibling("shared").resolve("data/geoip/GeoLite2-City-Test.mmdb").toString());
            Process service = builder.start();
            try {
                String base = "http://127.0.0.1:" + port;
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                String management = "http://127.0.0.1:" + managementPort;
                waitUntilReady(http, management, service, log);
                List<Registration> rows = generate(instances, targets.port());

                long apiStart = System.nanoTime();
                int registered = registerAll(http, base, rows, clients);
                double apiSeconds = (System.nanoTime() - apiStart) / 1e9;

                String jdbc = postgres.jdbcUrl("registry");
                double copySeconds;
                try (Connection db = DriverManager.getConnection(jdbc, LocalPostgres.USER, "")) {
                    long apiCount = count(db, "SELECT count(*) FROM instance");
                    try (Statement s = db.createStatement()) {
                        s.execute("TRUNCATE instance CASCADE");
                    }
                    long copyStart = System.nanoTime();
                    copy(db, rows);
                    copySeconds = (System.nanoTime() - copyStart) / 1e9;
                    System.out.printf("%nRegistration of %d instances (service: %d accepted, %d rows)%n", instances, registered, apiCount);
                    System.out.printf("  Indico API, %d clients : %8.1f s  %8.0f registrations/s%n", clients, apiSeconds, registered / apiSeconds);
                    System.out.printf("  COPY of the same rows  : %8.2f s  %8.0f rows/s%n", copySeconds, instances / copySeconds);
                    System.out.printf("  ratio COPY/API         : %8.1f x%n", (instances / copySeconds) / (registered / apiSeconds));
                    try (Statement s = db.createStatement()) {
                        s.execute("VACUUM ANALYZE instance");
                    }
                }

                long pid = service.pid();
                AtomicLong peakRss = new AtomicLong();
                Thread sampler = new Thread(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        peakRss.accumulateAndGet(rssKb(pid), Math::max);
                        try {
                            Thread.sleep(100);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }, "rss-sampler");
                long rssBefore = rssKb(pid);
                sampler.start();
                String token = issuer.token("bench", List.of("registry:admin"));
                long crawlStart = System.nanoTime();
                HttpResponse<String> crawl = http.send(HttpRequest.newBuilder(URI.create(base + "/registry/admin/crawl"))
                        .header("Authorization", "Bearer " + token).timeout(Duration.ofMinutes(20))
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                double crawlSeconds = (System.nanoTime() - crawlStart) / 1e9;
                sampler.interrupt();
                sampler.join();
                String heap = heapUsed(http, management);
                System.out.printf("%nCrawl of all instances at concurrency %d (request timeout %s): HTTP %d%n",
                        concurrency, timeout, crawl.statusCode());
                System.out.println("  summary: " + crawl.body());
                int crawled = intField(crawl.body(), "crawled");
                System.out.printf("  %d instances in %.1f s: %.0f instances crawled/s%n", crawled, crawlSeconds, crawled / crawlSeconds);
                System.out.printf("  service memory: RSS %d MiB before, peak %d MiB during the crawl; heap used after: %s%n",
                        rssBefore / 1024, peakRss.get() / 1024, heap);
                try (Connection db = DriverManager.getConnection(jdbc, LocalPostgres.USER, "")) {
                    System.out.println("  crawl records by outcome (reason):");
                    try (Statement s = db.createStatement();
                         ResultSet r = s.executeQuery("SELECT status, coalesce(reason, '-'), count(*) FROM crawl_record "
                                 + "GROUP BY 1, 2 ORDER BY 3 DESC")) {
                        while (r.next()) {
                            System.out.printf("    %-7s %-16s %6d%n", r.getString(1), r.getString(2), r.getLong(3));
                        }
                    }
                    System.out.println("  located: " + count(db, "SELECT count(*) FROM instance WHERE country_code IS NOT NULL")
                            + " (loopback targets are not in the GeoIP database)");
                }
                Map<String, Integer> expected = new TreeMap<>();
                for (Registration row : rows) {
                    expected.merge(TargetServer.behaviour(row.n()), 1, Integer::sum);
                }
                System.out.println("  expected mix of target behaviours: " + expected);
                System.out.println("  (good, slow and redirect succeed; never = timeout; error500 and notfound = http_status; "
                        + "html = not_json; huge = too_large)");
            } finally {
                service.destroy();
                if (!service.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    service.destroyForcibly();
                }
            }
        }
    }

    private static List<Registration> generate(int instances, int targetPort) {
        List<Registration> rows = new ArrayList<>(instances);
        for (int n = 0; n < instances; n++) {
            String path = "/i" + n;
            String contact = NAMES[n % NAMES.length];
            String org = ORGS[(n / 5) % ORGS.length];
            String email = contact.toLowerCase().replaceAll("[^a-z]", ".") + n + "@events" + (n % 50) + ".example.org";
            rows.add(new Registration(n, "http://127.0.0.1:" + targetPort + path, "127.0.0.1:" + targetPort + path,
                    contact, email, org));
        }
        return rows;
    }

    private static int registerAll(HttpClient http, String base, List<Registration> rows, int clients) throws Exception {
        Semaphore inFlight = new Semaphore(clients);
        AtomicInteger ok = new AtomicInteger();
        Map<Integer, Integer> statuses = new java.util.concurrent.ConcurrentSkipListMap<>();
        List<CompletableFuture<?>> all = new ArrayList<>(rows.size());
        for (Registration row : rows) {
            inFlight.acquire();
            String body = "{\"url\": \"" + row.url() + "/\", \"contact\": \"" + row.contact() + "\", \"email\": \""
                    + row.email() + "\", \"organization\": \"" + row.organization() + "\"}";
            all.add(http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/api/instance/"))
                            .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, failure) -> {
                        inFlight.release();
                        int status = failure == null ? response.statusCode() : -1;
                        statuses.merge(status, 1, Integer::sum);
                        if (status == 200) {
                            ok.incrementAndGet();
                        }
                    }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        if (ok.get() != rows.size()) {
            System.out.println("Registration answers by status: " + statuses);
        }
        return ok.get();
    }

    private static void copy(Connection db, List<Registration> rows) throws Exception {
        StringBuilder data = new StringBuilder(rows.size() * 160);
        String now = OffsetDateTime.now(ZoneOffset.UTC).toString();
        for (Registration row : rows) {
            data.append(UUID.randomUUID()).append('\t').append(row.url()).append('\t').append(row.key()).append('\t')
                    .append(row.contact()).append('\t').append(row.email()).append('\t').append(row.organization())
                    .append("\tt\t").append(now).append('\n');
        }
        new CopyManager(db.unwrap(BaseConnection.class)).copyIn(
                "COPY instance (uuid, url, url_key, contact, email, organization, enabled, registered) FROM STDIN",
                new StringReader(data.toString()));
    }

    private static long count(Connection db, String sql) throws Exception {
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static void waitUntilReady(HttpClient http, String base, Process service, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new IllegalStateException("The service stopped; its log:\n" + Files.readString(log));
            }
            try {
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("The service did not become ready; its log: " + log);
    }

    private static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    private static String heapUsed(HttpClient http, String base) {
        try {
            String metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = Pattern.compile("(?m)^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*\\} ([0-9.E+]+)").matcher(metrics);
            double total = 0;
            while (m.find()) {
                total += Double.parseDouble(m.group(1));
            }
            return String.format("%.0f MiB", total / 1024 / 1024);
        } catch (Exception e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static int intField(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*(\\d+)").matcher(json);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
