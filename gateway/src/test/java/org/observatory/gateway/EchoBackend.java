package org.observatory.gateway;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server on 127.0.0.1 standing in for every backend: it answers each request with what it
 * received (method, path, headers, body size), so tests can see exactly what the gateway forwarded.
 */
public class EchoBackend implements QuarkusTestResourceLifecycleManager {

    private static final Map<String, String> SERVICES = Map.of(
            "ixp-service", "/ixp", "instance-registry", "/registry", "perf-archive", "/esmond", "log-ingest", "/logs");

    /** The instance-registry stand-in refuses bodies over 1 MiB, as the real one does. */
    static final long BODY_LIMIT = 1024 * 1024;

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        Map<String, String> config = new HashMap<>();
        SERVICES.forEach((service, prefix) -> {
            config.put("gateway.backends." + service + ".url", "http://127.0.0.1:" + listen(service, prefix));
            config.put("gateway.backends." + service + ".management-url", "http://127.0.0.1:" + listenManagement(service, prefix));
        });
        // A service that is down: nothing listens on its port.
        config.put("gateway.backends.offline-service.url", "http://127.0.0.1:" + closedPort());
        config.put("gateway.backends.offline-service.management-url", "http://127.0.0.1:" + closedPort());
        config.put("gateway.backends.offline-service.paths", "/offline");
        return config;
    }

    /** The management interface: health and OpenAPI, as a Quarkus service serves them on its own port. */
    private int listenManagement(String service, String prefix) {
        HttpServer server = vertx.createHttpServer().requestHandler(request -> {
            switch (request.path()) {
                case "/q/openapi" -> request.response().putHeader("Content-Type", "application/json").end(openApi(service, prefix).encode());
                case "/q/health/ready" -> request.response().putHeader("Content-Type", "application/json")
                        .end("{\"status\":\"UP\",\"checks\":[{\"name\":\"secret detail\",\"status\":\"UP\"}]}");
                case "/q/metrics" -> request.response().end("# management metrics of " + service);
                default -> request.response().setStatusCode(404).end();
            }
        });
        return listen(server);
    }

    private int listen(String service, String prefix) {
        java.util.concurrent.atomic.AtomicInteger served = new java.util.concurrent.atomic.AtomicInteger();
        HttpServer server = vertx.createHttpServer().requestHandler(request -> {
            if (request.path().equals(prefix + "/__requests")) {
                // How many requests reached this backend: lets a test see that the gateway refused one itself.
                request.response().putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("service", service).put("requests", served.get()).encode());
                return;
            }
            served.incrementAndGet();
            // Like a Quarkus service over its body limit: answer 413 at once and hang up while the body still comes.
            String length = request.getHeader("Content-Length");
            if (service.equals("instance-registry") && length != null && Long.parseLong(length) > BODY_LIMIT) {
                request.response().setStatusCode(413).putHeader("Connection", "close").end();
                request.connection().close();
                return;
            }
            if (service.equals("instance-registry") && length == null) {
                refuseWhenStreamedPastTheLimit(service, request);
                return;
            }
            request.body().onSuccess(body -> echo(service, request, body));
        });
        return listen(server);
    }

    /** Like Quarkus with a chunked body: counts it as it comes, and answers 413 and hangs up once past the limit. */
    private static void refuseWhenStreamedPastTheLimit(String service, io.vertx.core.http.HttpServerRequest request) {
        Buffer received = Buffer.buffer();
        request.handler(chunk -> {
            if (request.response().ended()) {
                return;
            }
            received.appendBuffer(chunk);
            if (received.length() > BODY_LIMIT) {
                request.response().setStatusCode(413).putHeader("Connection", "close").end();
                request.connection().close();
            }
        });
        request.endHandler(end -> {
            if (!request.response().ended()) {
                echo(service, request, received);
            }
        });
    }

    private static void echo(String service, io.vertx.core.http.HttpServerRequest request, Buffer body) {
        JsonObject headers = new JsonObject();
        request.headers().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
        JsonObject echo = new JsonObject()
                .put("service", service)
                .put("method", request.method().name())
                .put("uri", request.uri())
                .put("headers", headers)
                .put("bodyLength", body.length())
                .put("bodyHash", Integer.toHexString(body.toString().hashCode()));
        // The main port has no /q: management lives elsewhere.
        int status = request.path().startsWith("/q/") ? 404 : 201;
        request.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(Buffer.buffer(echo.encode()));
    }

    private static int closedPort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int listen(HttpServer server) {
        try {
            return server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
        } catch (Exception e) {
            throw new IllegalStateException("Echo backend did not start", e);
        }
    }

    /** Every service answers with the same component name but other content, so that the merge must rename it. */
    private static JsonObject openApi(String service, String prefix) {
        JsonObject ok = new JsonObject().put("200", new JsonObject().put("description", "ok").put("content",
                new JsonObject().put("application/json", new JsonObject().put("schema",
                        new JsonObject().put("$ref", "#/components/schemas/Thing")))));
        return new JsonObject()
                .put("openapi", "3.0.3")
                .put("info", new JsonObject().put("title", "Observatory " + service).put("version", "1"))
                .put("paths", new JsonObject().put(prefix + "/things", new JsonObject().put("get",
                        new JsonObject().put("operationId", "list" + pascal(service) + "Things").put("responses", ok)
                                .put("security", new io.vertx.core.json.JsonArray().add(new JsonObject().put("SecurityScheme", new io.vertx.core.json.JsonArray()))))))
                .put("components", new JsonObject().put("schemas", new JsonObject().put("Thing",
                        new JsonObject().put("type", "object").put("description", "a thing of " + service))));
    }

    private static String pascal(String service) {
        StringBuilder out = new StringBuilder();
        for (String part : service.split("-")) {
            out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return out.toString();
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }
}
