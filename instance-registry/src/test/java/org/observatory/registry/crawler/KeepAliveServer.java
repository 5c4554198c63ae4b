package org.observatory.registry.crawler;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An Indico-like server on 127.0.0.1 that keeps connections alive (HTTP/1.1) and counts what it saw: requests
 * per path, connections opened, connections the other side (or it) closed. The first path segment picks how
 * the instance behaves; the rest is the endpoint ({@code /system-info}, {@code /category/0/statistics.json}):
 * <ul>
 * <li>{@code plain}: both endpoints answer JSON, as Indico 3.x does;</li>
 * <li>{@code moved}: {@code /system-info} answers {@code 301 Location: /moved/indico/system-info} with a small
 * HTML body, as an instance moved under {@code /indico} inside the same server;</li>
 * <li>{@code forbidden}, {@code broken}: {@code /system-info} answers 403 or 500 with an HTML page;</li>
 * <li>{@code html}: {@code /system-info} answers 200 with an HTML page (a login page, a proxy's welcome);</li>
 * <li>{@code chunked}: both endpoints answer chunked JSON;</li>
 * <li>{@code chunked-broken}: {@code /system-info} answers 500 with a chunked HTML page; every JSON answer is
 * chunked too;</li>
 * <li>{@code big-broken}: {@code /system-info} answers 500 with a chunked page larger than any cap;</li>
 * <li>{@code hangup}: closes a kept-alive connection when a request arrives on it after its first one,
 * without answering (what a server's idle close racing the next request looks like from the client);</li>
 * <li>{@code dead}: closes every connection on its first request without answering.</li>
 * </ul>
 * {@code /category/0/statistics.json} answers Indico's shape, with {@code users} set to how many times this
 * instance's statistics were served, so that a test sees whether the newest figures were merged.
 */
public final class KeepAliveServer implements AutoCloseable {

    static final String SYSTEM_INFO = """
            {"python_version": "3.12.4", "indico_version": "3.3.4", "operating_system": "Debian GNU/Linux 12", \
            "postgres_version": "15.8", "language": "en_GB", "debug": false}""";

    private static final String HTML_PAGE = "<!doctype html><html><head><title>%d</title></head><body>%s</body></html>";

    private final HttpServer server;
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final Map<HttpConnection, AtomicInteger> requestsPerConnection = new ConcurrentHashMap<>();
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();

    private KeepAliveServer(Vertx vertx) {
        this.server = vertx.createHttpServer();
        server.connectionHandler(connection -> {
            opened.incrementAndGet();
            requestsPerConnection.put(connection, new AtomicInteger());
            connection.closeHandler(v -> closed.incrementAndGet());
        });
        server.requestHandler(this::answer);
    }

    /** Starts a server on a free port of 127.0.0.1. */
    public static KeepAliveServer start(Vertx vertx) {
        KeepAliveServer target = new KeepAliveServer(vertx);
        try {
            target.server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("The keep-alive server did not start", e);
        }
        return target;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.actualPort() + path;
    }

    /** Requests that reached the server for {@code path} (the request line's path). */
    public int requests(String path) {
        AtomicInteger count = requests.get(path);
        return count == null ? 0 : count.get();
    }

    public int connectionsOpened() {
        return opened.get();
    }

    public int connectionsClosed() {
        return closed.get();
    }

    private void answer(HttpServerRequest request) {
        String path = request.path();
        requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        int onThisConnection = requestsPerConnection.computeIfAbsent(request.connection(), c -> new AtomicInteger())
                .incrementAndGet();
        int slash = path.indexOf('/', 1);
        String behaviour = slash < 0 ? path.substring(1) : path.substring(1, slash);
        String endpoint = slash < 0 ? "" : path.substring(slash);
        HttpServerResponse response = request.response();
        boolean chunked = behaviour.startsWith("chunked");
        switch (behaviour) {
            case "dead" -> {
                request.connection().close();
                return;
            }
            case "hangup" -> {
                if (onThisConnection > 1) {
                    request.connection().close();
                    return;
                }
            }
            default -> {
            }
        }
        if (endpoint.equals("/category/0/statistics.json")) {
            int served = requests(path);
            json(response, chunked, """
                    {"events": {"2024": 120, "2025": 96}, "contributions": {"2024": 870, "2025": 702}, "files": 4312, \
                    "updated": "2026-11-30T03:00:00.000000+00:00", "total_events": 216, "total_contributions": 1572, \
                    "min_year": 2024, "max_year": 2026, "users": %d}""".formatted(served));
            return;
        }
        if (!endpoint.equals("/system-info") && !endpoint.equals("/indico/system-info")) {
            html(response, 404, "Not Found", false);
            return;
        }
        switch (behaviour) {
            case "moved" -> {
                if (endpoint.equals("/system-info")) {
                    response.putHeader("Location", "/moved/indico/system-info");
                    html(response, 301, "Moved Permanently", false);
                } else {
                    json(response, false, SYSTEM_INFO);
                }
            }
            case "forbidden" -> html(response, 403, "Forbidden", false);
            case "html" -> html(response, 200, "Log in to Indico", false);
            case "broken" -> html(response, 500, "Internal Server Error", false);
            case "chunked-broken" -> html(response, 500, "Internal Server Error", true);
            case "big-broken" -> {
                response.setStatusCode(500).setChunked(true).putHeader("Content-Type", "text/html");
                for (int i = 0; i < 64; i++) {
                    response.write("<p>" + "x".repeat(1020) + "</p>");
                }
                response.end();
            }
            default -> json(response, chunked, SYSTEM_INFO);
        }
    }

    private static void json(HttpServerResponse response, boolean chunked, String body) {
        response.putHeader("Content-Type", "application/json");
        if (chunked) {
            // Two chunks, as a streaming server sends a body whose size it does not know up front.
            int half = body.length() / 2;
            response.setChunked(true).write(body.substring(0, half));
            response.end(body.substring(half));
        } else {
            response.end(body);
        }
    }

    private static void html(HttpServerResponse response, int status, String text, boolean chunked) {
        response.setStatusCode(status).putHeader("Content-Type", "text/html; charset=utf-8");
        String page = HTML_PAGE.formatted(status, text);
        if (chunked) {
            response.setChunked(true).write(page.substring(0, 20));
            response.end(page.substring(20));
        } else {
            response.end(page);
        }
    }

    @Override
    public void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
