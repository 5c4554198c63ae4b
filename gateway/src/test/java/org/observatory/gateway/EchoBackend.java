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

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        Map<String, String> config = new HashMap<>();
        SERVICES.forEach((service, prefix) -> config.put("gateway.backends." + service + ".url", "http://127.0.0.1:" + listen(service, prefix)));
        return config;
    }

    private int listen(String service, String prefix) {
        java.util.concurrent.atomic.AtomicInteger served = new java.util.concurrent.atomic.AtomicInteger();
        HttpServer server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            if (request.path().equals(prefix + "/__requests")) {
                // How many requests reached this backend: lets a test see that the gateway refused one itself.
                request.response().putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("service", service).put("requests", served.get()).encode());
                return;
            }
            if (request.path().equals("/q/openapi")) {
                request.response().putHeader("Content-Type", "application/json").end(openApi(service, prefix).encode());
                return;
            }
            served.incrementAndGet();
            JsonObject headers = new JsonObject();
            request.headers().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
            JsonObject echo = new JsonObject()
                    .put("service", service)
                    .put("method", request.method().name())
                    .put("uri", request.uri())
                    .put("headers", headers)
                    .put("bodyLength", body.length())
                    .put("bodyHash", Integer.toHexString(body.toString().hashCode()));
            int status = request.path().equals("/q/health/ready") ? 200 : 201;
            request.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                    .end(Buffer.buffer(echo.encode()));
        }));
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
