package org.observatory.registry;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Instances to crawl: a Vert.x HTTP server on 127.0.0.1 whose first path segment picks a behaviour
 * ({@code /good/system-info}, {@code /html-error/system-info}, ...). Its base URL is {@code test.crawl-target.url}.
 */
public class CrawlTargetServer implements QuarkusTestResourceLifecycleManager {

    static final String SYSTEM_INFO = """
            {"python_version": "3.12.4", "indico_version": "3.3.4", "operating_system": "Linux", \
            "postgres_version": "15.8", "language": "en_GB", "debug": false}""";

    /** The shape of Indico's {@code /category/0/statistics.json} (the root category has {@code users}). */
    static final String STATISTICS = """
            {"events": {"2024": 120, "2025": 96}, "contributions": {"2024": 870, "2025": 702}, "files": 4312, \
            "updated": "2026-11-30T03:00:00.000000+00:00", "total_events": 216, "total_contributions": 1572, \
            "min_year": 2024, "max_year": 2026, "users": 350}""";

    /** Requests of the "counted" behaviour in flight now, and the most seen at once (event-loop confined). */
    private int inFlight;
    private int maxInFlight;

    private Vertx vertx;
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(request -> {
            String path = request.path();
            String behaviour = path.split("/").length > 1 ? path.split("/")[1] : "";
            HttpServerResponse response = request.response();
            String self = "http://127.0.0.1:" + server.actualPort();
            switch (behaviour) {
                case "good" -> json(response, 200, path.endsWith("/statistics.json") ? STATISTICS : SYSTEM_INFO);
                case "other" -> json(response, 200, "{\"indico_version\": \"3.2.9\", \"rooms\": [1, 2]}");
                case "html-error" -> response.setStatusCode(500).putHeader("Content-Type", "text/html")
                        .end("<html><body>Internal Server Error</body></html>");
                case "html-ok" -> response.setStatusCode(200).putHeader("Content-Type", "text/html")
                        .end("<html><body>Welcome to Indico</body></html>");
                case "json-error" -> json(response, 503, "{\"indico_version\": \"maintenance\"}");
                case "not-json" -> json(response, 200, "<html>not json</html>");
                case "array" -> json(response, 200, "[1, 2, 3]");
                // Valid JSON that PostgreSQL's jsonb refuses (a NUL character in a string).
                case "nul-char" -> json(response, 200, "{\"motd\": \"a\\u0000b\"}");
                case "never-answers" -> { }
                case "counted" -> {
                    maxInFlight = Math.max(maxInFlight, ++inFlight);
                    vertx.setTimer(50, t -> {
                        inFlight--;
                        json(response, 200, SYSTEM_INFO);
                    });
                }
                case "counted-max" -> json(response, 200, "{\"max\": " + maxInFlight + "}");
                case "big-chunked" -> {
                    response.setChunked(true).putHeader("Content-Type", "application/json");
                    response.write("{\"padding\": \"");
                    for (int i = 0; i < 10; i++) {
                        response.write("x".repeat(1000));
                    }
                    response.end("\"}");
                }
                case "big-declared" -> json(response, 200, "{\"padding\": \"" + "y".repeat(10_000) + "\"}");
                case "redirect-good" -> redirect(response, self + "/good/system-info");
                case "redirect-relative" -> redirect(response, "/good/system-info");
                case "redirect-metadata" -> redirect(response, "http://169.254.169.254/latest/meta-data/");
                case "redirect-loopback" -> redirect(response, "http://127.0.0.2:" + server.actualPort() + "/good/system-info");
                case "redirect-ipv6-loopback" -> redirect(response, "http://[::1]:" + server.actualPort() + "/good/system-info");
                case "redirect-loop" -> redirect(response, self + path);
                case "redirect-ftp" -> redirect(response, "ftp://127.0.0.1/system-info");
                case "auth-echo" -> json(response, 200, "{\"saw_authorization\": "
                        + (request.getHeader("Authorization") != null) + ", \"agent\": \"" + request.getHeader("User-Agent") + "\"}");
                default -> response.setStatusCode(404).end();
            }
        });
        try {
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("The crawl target server did not start", e);
        }
        return Map.of("test.crawl-target.url", "http://127.0.0.1:" + server.actualPort());
    }

    private static void json(HttpServerResponse response, int status, String body) {
        response.setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8").end(body);
    }

    private static void redirect(HttpServerResponse response, String location) {
        response.setStatusCode(302).putHeader("Location", location).end();
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }
}
