package org.observatory.bench.registry;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.TimeUnit;

/**
 * Crawl targets for the benchmark on 127.0.0.1: instance {@code /i<n>} answers its {@code /system-info} by a
 * fixed mix chosen from n (so that the expected failures are known): mostly realistic Indico JSON, some of it
 * slowly, some never (the crawler's timeout), some with error pages, wrong types, oversize bodies or redirects.
 */
final class TargetServer implements AutoCloseable {

    static final String[] INDICO = {"3.3.4", "3.3.4", "3.3.4", "3.3.3", "3.3.2", "3.2.9", "3.2.9", "3.1.1", "3.0.4", "2.3.5"};
    static final String[] PYTHON = {"3.12.4", "3.12.4", "3.11.9", "3.11.9", "3.10.12", "3.9.19", "2.7.18"};
    static final String[] OS = {"Linux", "Linux", "Linux", "Linux", "FreeBSD", "Darwin"};
    static final String[] POSTGRES = {"16.3", "15.7", "15.7", "14.12", "13.15", "12.19", "9.6.24"};
    static final String[] LANGUAGE = {"en_GB", "en_GB", "en_US", "fr_FR", "de_DE", "es_ES", "it_IT", "pt_BR", "zh_Hans_CN"};

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;

    /** What instance n does, out of 100: the mix the run's failures should match. */
    static String behaviour(int n) {
        int slot = n % 100;
        if (slot < 78) {
            return "good";
        }
        if (slot < 86) {
            return "slow";          // 0.2 to 2 s: slow but within the timeout
        }
        if (slot < 89) {
            return "never";         // no answer: the crawler's timeout
        }
        if (slot < 93) {
            return "error500";      // HTML error page
        }
        if (slot < 95) {
            return "notfound";      // Indico older than /system-info
        }
        if (slot < 97) {
            return "html";          // 200 but a login page
        }
        if (slot < 98) {
            return "huge";          // larger than the response cap
        }
        return "redirect";          // 301 to another path of the same host: followed with the same checks
    }

    TargetServer() {
        server = vertx.createHttpServer().requestHandler(this::answer);
        try {
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    int port() {
        return server.actualPort();
    }

    private void answer(HttpServerRequest request) {
        String[] parts = request.path().split("/");
        int n;
        try {
            n = Integer.parseInt(parts[1].substring(1));
        } catch (RuntimeException e) {
            request.response().setStatusCode(404).end();
            return;
        }
        boolean redirected = parts.length > 2 && parts[2].equals("moved");
        switch (redirected ? "good" : behaviour(n)) {
            case "good" -> json(request, n);
            case "slow" -> vertx.setTimer(200 + (n * 37L) % 1800, t -> json(request, n));
            case "never" -> { }
            case "error500" -> request.response().setStatusCode(500).putHeader("Content-Type", "text/html")
                    .end("<html><head><title>500 Internal Server Error</title></head><body>Oops</body></html>");
            case "notfound" -> request.response().setStatusCode(404).putHeader("Content-Type", "text/html")
                    .end("<html><body>Not Found</body></html>");
            case "html" -> request.response().setStatusCode(200).putHeader("Content-Type", "text/html; charset=utf-8")
                    .end("<!DOCTYPE html><html><body><form action=\"/login\">Log in</form></body></html>");
            case "huge" -> {
                request.response().setChunked(true).putHeader("Content-Type", "application/json");
                request.response().write("{\"padding\": \"");
                for (int i = 0; i < 300; i++) {
                    request.response().write("x".repeat(1024));
                }
                request.response().end("\"}");
            }
            default -> request.response().setStatusCode(301)
                    .putHeader("Location", "/i" + n + "/moved/system-info").end();
        }
    }

    private static void json(HttpServerRequest request, int n) {
        String body = "{\"python_version\": \"" + PYTHON[n % PYTHON.length] + "\", \"indico_version\": \""
                + INDICO[(n / 3) % INDICO.length] + "\", \"operating_system\": \"" + OS[(n / 7) % OS.length]
                + "\", \"postgres_version\": \"" + POSTGRES[(n / 11) % POSTGRES.length] + "\", \"language\": \""
                + LANGUAGE[(n / 13) % LANGUAGE.length] + "\", \"debug\": " + (n % 97 == 0) + "}";
        request.response().setStatusCode(200).putHeader("Content-Type", "application/json").end(body);
    }

    @Override
    public void close() {
        vertx.close();
    }
}
