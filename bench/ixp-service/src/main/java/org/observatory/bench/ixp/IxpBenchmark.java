package org.observatory.bench.ixp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.observatory.testsupport.LocalIssuer;
import org.observatory.testsupport.LocalPostgres;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Imports a generated PeeringDB snapshot and a year of monthly archive backfills through the running
 * ixp-service, printing the time per month, then COPYs the same rows into the same tables and prints both.
 */
public final class IxpBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate FIRST = LocalDate.of(2025, 1, 1);
    private static final int MONTHS = 13;

    public static void main(String[] args) throws Exception {
        Path jar = Paths.get(System.getProperty("ixp.bench.jar", "ixp-service/target/quarkus-app/quarkus-run.jar"));
        Path out = Paths.get(System.getProperty("ixp.bench.out", "bench/ixp-service/out"));
        Path archive = out.resolve("archive");
        Path registry = out.resolve("registry");
        Files.createDirectories(registry);

        long t0 = System.nanoTime();
        SnapshotGenerator gen = new SnapshotGenerator(FIRST, MONTHS);
        for (int m = 0; m < MONTHS; m++) {
            LocalDate day = gen.monthDays.get(m);
            gen.writeDump(m, archive.resolve(String.format("%d/%02d/peeringdb_2_dump_%d_%02d_%02d.json",
                    day.getYear(), day.getMonthValue(), day.getYear(), day.getMonthValue(), day.getDayOfMonth())));
        }
        Files.writeString(registry.resolve("delegated-bench-extended.txt"), gen.delegatedFile());
        Files.writeString(registry.resolve("routed.txt"), gen.routedList());
        Files.writeString(registry.resolve("as-rel.txt"), gen.customerLinks());
        LocalDate lastDay = gen.monthDays.get(MONTHS - 1);
        Path snapshot = archive.resolve(String.format("%d/%02d/peeringdb_2_dump_%d_%02d_%02d.json", lastDay.getYear(),
                lastDay.getMonthValue(), lastDay.getYear(), lastDay.getMonthValue(), lastDay.getDayOfMonth()));
        System.out.printf("generated %d months: %d ix, %d net, %d..%d netixlan rows per month, snapshot %.1f MB, in %.1f s%n",
                MONTHS, gen.ixs.size(), gen.nets.size(),
                gen.months.stream().mapToInt(List::size).min().orElse(0),
                gen.months.stream().mapToInt(List::size).max().orElse(0),
                Files.size(snapshot) / 1e6, (System.nanoTime() - t0) / 1e9);

        try (LocalPostgres pg = LocalPostgres.start("ixp"); LocalIssuer issuer = LocalIssuer.start()) {
            int port = freePort();
            ProcessBuilder builder = new ProcessBuilder("java", "-Xmx2g", "-jar", jar.toString())
                    .redirectErrorStream(true).redirectOutput(out.resolve("service.log").toFile());
            Map<String, String> env = builder.environment();
            env.put("DB_HOST", "127.0.0.1");
            env.put("DB_PORT", String.valueOf(pg.port()));
            env.put("DB_NAME", "ixp");
            env.put("DB_USER", LocalPostgres.USER);
            env.put("DB_PASSWORD", "unused");
            env.put("HTTP_PORT", String.valueOf(port));
            // Health is on the management interface: the suite's convention, HTTP port + 1000.
            env.put("MANAGEMENT_PORT", String.valueOf(port + 1000));
            env.put("MANAGEMENT_HOST", "127.0.0.1");
            env.put("OIDC_ISSUER", issuer.url());
            env.put("ARCHIVE_PATTERN", archive.toAbsolutePath() + "/%Y/%m/peeringdb_2_dump_%Y_%m_%d.json");
            env.put("ASN_DELEGATED_FILES", registry.resolve("delegated-bench-extended.txt").toAbsolutePath().toString());
            env.put("ASN_ROUTED_LIST", registry.resolve("routed.txt").toAbsolutePath().toString());
            env.put("ASN_CUSTOMERS", registry.resolve("as-rel.txt").toAbsolutePath().toString());
            env.put("PEERINGDB_CRON", "off");
            env.put("ASN_REGISTRY_CRON", "off");
            env.put("MAX_BODY_SIZE", "512M");
            Process service = builder.start();
            try {
                run(gen, pg, "http://127.0.0.1:" + port, issuer.token("bench", List.of("ixp:admin")), snapshot);
            } finally {
                service.destroy();
                service.waitFor();
            }
        }
    }

    private static void run(SnapshotGenerator gen, LocalPostgres pg, String base, String token, Path snapshot) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        waitUntilReady(http, base);

        long t = System.nanoTime();
        JsonNode reg = post(http, base + "/ixp/asn-registry/reload", token, null);
        System.out.printf("ASN registry reload: %.2f s %s%n", (System.nanoTime() - t) / 1e9, reg);

        Map<LocalDate, Double> serviceSeconds = new LinkedHashMap<>();
        LocalDate snapshotMonth = FIRST.plusMonths(MONTHS - 1);
        byte[] body = Files.readAllBytes(snapshot);
        t = System.nanoTime();
        JsonNode run = post(http, base + "/ixp/imports/upload/" + snapshotMonth.toString().substring(0, 7) + "?wait=true", token, body);
        double seconds = (System.nanoTime() - t) / 1e9;
        serviceSeconds.put(snapshotMonth, seconds);
        System.out.printf("%nsnapshot %s (upload, %.1f MB): %.2f s  [%s memberships, phases ms %s]%n",
                snapshotMonth.toString().substring(0, 7), body.length / 1e6, seconds,
                run.path("report").path("memberships"), run.path("report").path("phaseMillis"));

        System.out.println("backfills from the archive, newest first (each rebuilds the periods it changes and the statistics of the months those can affect):");
        for (int m = MONTHS - 2; m >= 0; m--) {
            LocalDate month = FIRST.plusMonths(m);
            t = System.nanoTime();
            run = post(http, base + "/ixp/imports/archive/" + month.toString().substring(0, 7) + "?wait=true", token, null);
            seconds = (System.nanoTime() - t) / 1e9;
            serviceSeconds.put(month, seconds);
            System.out.printf("  %s (dump of %s): %.2f s  [%s memberships, %s stats months, phases ms %s]%n",
                    month.toString().substring(0, 7), run.path("report").path("sourceDay").asText(), seconds,
                    run.path("report").path("memberships"), run.path("report").path("statisticsMonths"),
                    run.path("report").path("phaseMillis"));
        }

        try (Connection db = DriverManager.getConnection(pg.jdbcUrl("ixp"), LocalPostgres.USER, "")) {
            long snapshotRows = count(db, "SELECT count(*) FROM membership_snapshot");
            // the same snapshot again, in a warm JVM: nothing changes, nothing is counted twice
            t = System.nanoTime();
            run = post(http, base + "/ixp/imports/upload/" + snapshotMonth.toString().substring(0, 7) + "?wait=true", token, body);
            System.out.printf("re-import of the snapshot %s (warm JVM): %.2f s [phases ms %s]; snapshot rows before %d, after %d%n",
                    snapshotMonth.toString().substring(0, 7), (System.nanoTime() - t) / 1e9, run.path("report").path("phaseMillis"),
                    snapshotRows, count(db, "SELECT count(*) FROM membership_snapshot"));
            System.out.printf("stored: %d ixp, %d network, %d membership_snapshot, %d membership_period, %d ixp_monthly_stats, %d country_monthly_stats%n",
                    count(db, "SELECT count(*) FROM ixp"), count(db, "SELECT count(*) FROM network"), snapshotRows,
                    count(db, "SELECT count(*) FROM membership_period"), count(db, "SELECT count(*) FROM ixp_monthly_stats"),
                    count(db, "SELECT count(*) FROM country_monthly_stats"));
            JsonNode stats = get(http, base + "/ixp/stats/ixps?month=" + snapshotMonth.toString().substring(0, 7) + "&limit=1");
            System.out.println("sample statistics row: " + stats.path(0));
            holdForInspection(pg);
            copyComparison(db, serviceSeconds);
        }
    }

    /** COPYs the rows the service stored (IXPs, networks, each month's memberships) into the emptied tables. */
    private static void copyComparison(Connection db, Map<LocalDate, Double> serviceSeconds) throws Exception {
        CopyManager copy = db.unwrap(PGConnection.class).getCopyAPI();
        byte[] ixps = export(copy, "COPY ixp TO STDOUT");
        byte[] networks = export(copy, "COPY network TO STDOUT");
        byte[] months = export(copy, "COPY import_month TO STDOUT");
        Map<LocalDate, byte[]> memberships = new LinkedHashMap<>();
        for (LocalDate month : serviceSeconds.keySet()) {
            memberships.put(month, export(copy, "COPY (SELECT * FROM membership_snapshot WHERE month = '" + month + "') TO STDOUT"));
        }
        try (Statement s = db.createStatement()) {
            s.execute("TRUNCATE membership_period, membership_snapshot, import_month, ixp, network, ixp_monthly_stats, country_monthly_stats");
        }
        long t = System.nanoTime();
        long rows = copy.copyIn("COPY ixp FROM STDIN", new ByteArrayInputStream(ixps));
        rows += copy.copyIn("COPY network FROM STDIN", new ByteArrayInputStream(networks));
        copy.copyIn("COPY import_month FROM STDIN", new ByteArrayInputStream(months));
        double masterSeconds = (System.nanoTime() - t) / 1e9;
        System.out.printf("%nCOPY of the same rows into the same tables (ixp + network: %d rows in %.3f s)%n", rows, masterSeconds);
        System.out.println("  month     service s   COPY memberships s   rows     ratio service/COPY");
        double serviceTotal = 0;
        double copyTotal = masterSeconds;
        boolean snapshotRow = true;
        for (Map.Entry<LocalDate, byte[]> e : memberships.entrySet()) {
            t = System.nanoTime();
            long n = copy.copyIn("COPY membership_snapshot FROM STDIN", new ByteArrayInputStream(e.getValue()));
            double memberSeconds = (System.nanoTime() - t) / 1e9;
            copyTotal += memberSeconds;
            // the snapshot's COPY also carries the IXPs and networks, as the snapshot's import does
            double c = memberSeconds + (snapshotRow ? masterSeconds : 0);
            snapshotRow = false;
            double sv = serviceSeconds.get(e.getKey());
            serviceTotal += sv;
            System.out.printf("  %s   %8.2f   %12.3f        %6d   %6.0fx%n", e.getKey().toString().substring(0, 7), sv, c, n, sv / c);
        }
        System.out.printf("total: service %.1f s, COPY %.2f s, ratio %.0fx (the service also parses the dumps, derives periods and computes statistics)%n",
                serviceTotal, copyTotal, serviceTotal / copyTotal);
    }

    /** With -Dixp.bench.hold=FILE, keeps the database up (for EXPLAIN) until FILE exists. */
    private static void holdForInspection(LocalPostgres pg) throws InterruptedException {
        String hold = System.getProperty("ixp.bench.hold");
        if (hold == null) {
            return;
        }
        System.out.println("holding: psql -h 127.0.0.1 -p " + pg.port() + " -U postgres ixp; touch " + hold + " to stop");
        while (!Files.exists(Paths.get(hold))) {
            Thread.sleep(1000);
        }
    }

    private static byte[] export(CopyManager copy, String sql) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        copy.copyOut(sql, out);
        return out.toByteArray();
    }

    private static long count(Connection db, String sql) throws Exception {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static JsonNode post(HttpClient http, String url, String token, byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(10))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static JsonNode get(HttpClient http, String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    /** The management interface of the service at {@code base}: the same host, its port + 1000. */
    private static String managementBase(String base) {
        URI uri = URI.create(base);
        return uri.getScheme() + "://" + uri.getHost() + ":" + (uri.getPort() + 1000);
    }

    private static void waitUntilReady(HttpClient http, String base) throws Exception {
        for (int i = 0; i < 600; i++) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(managementBase(base) + "/q/health/ready")).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // the service is still starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the service did not become ready in 60 s; see out/service.log");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private IxpBenchmark() {
    }

}
