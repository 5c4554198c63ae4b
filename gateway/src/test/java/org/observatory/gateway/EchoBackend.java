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

    private Vertx vertx;
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            JsonObject headers = new JsonObject();
            request.headers().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
            JsonObject echo = new JsonObject()
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
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Echo backend did not start", e);
        }
        String url = "http://127.0.0.1:" + server.actualPort();
        Map<String, String> config = new HashMap<>();
        for (String service : new String[] { "ixp-service", "instance-registry", "perf-archive", "log-ingest" }) {
            config.put("gateway.backends." + service + ".url", url);
        }
        return config;
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }
}
