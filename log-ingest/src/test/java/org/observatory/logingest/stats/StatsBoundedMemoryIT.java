package org.observatory.logingest.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.observatory.testsupport.LocalIssuer;
import org.observatory.testsupport.LocalPostgres;

/**
 * Issue 15: after one large valid upload the statistics flush used to block the event loop, run out of memory and
 * keep the process from stopping. Here the built service jar runs as its own process with a 64 MiB heap against
 * a real PostgreSQL, ingests a generated log of 1.2 M stream lines (far more than that heap holds as objects),
 * is stopped with SIGTERM while a flush starts, is started again on the same database, finishes the flush from
 * the durable marks, serves the right figures, and stops again on SIGTERM.
 */
class StatsBoundedMemoryIT {

    private static final String DATABASE = "logingest";
    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final GeneratedTxLog LOG = new GeneratedTxLog(Instant.parse("2026-03-16T10:00:00Z"), 2, 600, 1_000);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private static LocalPostgres postgres;
    private static LocalIssuer issuer;

    @BeforeAll
    static void start() {
        assertTrue(Files.isRegularFile(JAR), "build the service first (mvn package): " + JAR.toAbsolutePath());
        postgres = LocalPostgres.start(DATABASE);
        issuer = LocalIssuer.start();
    }

    @AfterAll
    static void stop() {
        if (issuer != null) {
            issuer.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void millionsOfRowsFlushInASmallHeapAndTheServiceStopsOnSigterm() throws Exception {
        String admin = issuer.token("operator", List.of("logs:write", "logs:admin"));

        Service first = Service.start(1);
        try {
            HttpResponse<String> posted = HTTP.send(HttpRequest.newBuilder(first.uri("/logs/txlog"))
                    .header("Authorization", "Bearer " + admin).header("Content-Type", "text/plain")
                    .timeout(Duration.ofMinutes(5))
                    .POST(HttpRequest.BodyPublishers.ofInputStream(LOG::stream)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, posted.statusCode(), posted.body());
            assertEquals(LOG.rows(), new JsonObject(posted.body()).getLong("streamsStored"));

            // A flush starts; SIGTERM must stop the process whatever the flush is doing.
            CompletableFuture<HttpResponse<String>> flushing = HTTP.sendAsync(flushRequest(first, admin),
                    HttpResponse.BodyHandlers.ofString());
            first.sigtermAndExpectExit();
            flushing.cancel(true);
        } finally {
            first.kill();
        }

        // Started again on the same database: the durable marks are flushed, in the same small heap.
        Service second = Service.start(2);
        try {
            HttpResponse<String> flushed = HTTP.send(flushRequest(second, admin), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, flushed.statusCode(), flushed.body());

            for (int hour = 0; hour < LOG.hours; hour++) {
                Instant start = LOG.firstHour.plusSeconds(3_600L * hour);
                JsonObject page = get(second, "/stats/bytes-per-network?limit=1000&from=" + start + "&to=" + start.plusSeconds(3_600));
                Map<String, long[]> expected = LOG.bytesPerNetwork(hour);
                assertEquals(expected.size(), page.getInteger("total"));
                JsonArray rows = page.getJsonArray("rows");
                List<String> expectedRows = new ArrayList<>();
                expected.forEach((network, s) -> expectedRows.add(network + " " + s[0] + " " + s[1] + " " + s[2]));
                List<String> actualRows = new ArrayList<>();
                for (int i = 0; i < rows.size(); i++) {
                    JsonObject row = rows.getJsonObject(i);
                    actualRows.add(row.getString("network") + " " + row.getLong("bytes") + " " + row.getLong("packets")
                            + " " + row.getLong("transfers"));
                }
                assertEquals(expectedRows, actualRows);

                JsonObject clients = get(second, "/stats/distinct-clients?from=" + start + "&to=" + start.plusSeconds(3_600))
                        .getJsonArray("rows").getJsonObject(0);
                assertEquals(LOG.clients, clients.getInteger("clients"));
                assertEquals(LOG.bytesInHour(hour), clients.getLong("bytes"));
            }

            Instant day = Instant.parse("2026-03-16T00:00:00Z");
            JsonArray top = get(second, "/stats/top-stations?from=" + day + "&to=" + day.plusSeconds(86_400)).getJsonArray("rows");
            List<String> actualTop = new ArrayList<>();
            for (int i = 0; i < top.size(); i++) {
                JsonObject row = top.getJsonObject(i);
                assertEquals(i + 1, row.getInteger("rank"));
                assertEquals(LOG.clients, row.getInteger("clients"));
                actualTop.add(row.getString("network") + " " + row.getString("station") + " " + row.getLong("bytes"));
            }
            assertEquals(LOG.topStations(10), actualTop);

            JsonObject protocols = get(second, "/stats/protocols?from=" + day + "&to=" + day.plusSeconds(86_400))
                    .getJsonArray("rows").getJsonObject(0);
            assertEquals("SeedLink", protocols.getString("protocol"));
            assertEquals(LOG.clients, protocols.getInteger("clients"));
            assertEquals(LOG.rows(), protocols.getLong("transfers"));

            second.sigtermAndExpectExit();
        } finally {
            second.kill();
        }
    }

    private static HttpRequest flushRequest(Service service, String token) {
        return HttpRequest.newBuilder(service.uri("/stats/flush")).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofMinutes(5)).POST(HttpRequest.BodyPublishers.noBody()).build();
    }

    private static JsonObject get(Service service, String pathAndQuery) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(service.uri(pathAndQuery)).header("Accept", "application/json")
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), pathAndQuery + ": " + answer.body());
        return new JsonObject(answer.body());
    }

    /** The service jar as its own process, with the suite's settings and a 64 MiB heap. */
    private record Service(Process process, int port, Path log) {

        static Service start(int run) throws Exception {
            int port;
            int managementPort;
            try (ServerSocket socket = new ServerSocket(0); ServerSocket management = new ServerSocket(0)) {
                port = socket.getLocalPort();
                managementPort = management.getLocalPort();
            }
            Path log = Path.of("target/stats-bounded-memory-it-" + run + ".log");
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx64m", "-jar", JAR.toString());
            Map<String, String> env = builder.environment();
            env.put("DB_HOST", "127.0.0.1");
            env.put("DB_PORT", String.valueOf(postgres.port()));
            env.put("DB_NAME", DATABASE);
            env.put("DB_USER", LocalPostgres.USER);
            env.put("DB_PASSWORD", "unused-with-trust-auth");
            env.put("HTTP_HOST", "127.0.0.1");
            env.put("HTTP_PORT", String.valueOf(port));
            env.put("MANAGEMENT_PORT", String.valueOf(managementPort));
            env.put("OIDC_ISSUER", issuer.url());
            env.put("LOGS_CLIENT_HASH_SECRET", "bounded-memory-test-secret");
            // The flush runs when the test asks for it.
            env.put("LOGS_STATS_CRON", "off");
            env.put("LOGS_ROLLUP_CRON", "off");
            builder.redirectErrorStream(true).redirectOutput(log.toFile());
            Service service = new Service(builder.start(), port, log);
            service.awaitServing();
            return service;
        }

        URI uri(String pathAndQuery) {
            return URI.create("http://127.0.0.1:" + port + pathAndQuery);
        }

        /** Polls an anonymous endpoint until it answers; the process's start has no other outside signal. */
        private void awaitServing() throws Exception {
            HttpRequest list = HttpRequest.newBuilder(uri("/stats/")).header("Accept", "application/json")
                    .timeout(Duration.ofSeconds(5)).GET().build();
            for (int i = 0; i < 240; i++) {
                assertTrue(process.isAlive(), () -> "the service exited: " + tail());
                try {
                    if (HTTP.send(list, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException notListeningYet) {
                    // next try
                }
                process.waitFor(500, TimeUnit.MILLISECONDS);
            }
            throw new AssertionError("the service did not answer in 2 minutes: " + tail());
        }

        void sigtermAndExpectExit() throws Exception {
            process.destroy();
            boolean exited = process.waitFor(120, TimeUnit.SECONDS);
            assertTrue(exited, () -> "the service ignored SIGTERM: " + tail());
            assertFalse(tail().contains("OutOfMemoryError"), this::tail);
        }

        void kill() throws Exception {
            if (process.isAlive()) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }

        String tail() {
            try {
                List<String> lines = Files.readAllLines(log);
                return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
            } catch (IOException e) {
                return "(no log: " + e + ")";
            }
        }
    }
}
