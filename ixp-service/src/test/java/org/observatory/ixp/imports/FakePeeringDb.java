package org.observatory.ixp.imports;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A PeeringDB API on 127.0.0.1 for the import tests: pages with limit/skip, answers the first request of a
 * run with 429 and the first netixlan request with 503, throttles with a Retry-After or without end when a test
 * asks, and records what it was asked (and when, in nanoseconds, for the Retry-After test's lower bound).
 */
public class FakePeeringDb implements QuarkusTestResourceLifecycleManager {

    /** Each request: path, query, Authorization header and System.nanoTime() at arrival. */
    public static final Queue<List<String>> REQUESTS = new ConcurrentLinkedQueue<>();
    public static final AtomicBoolean THROTTLE_NEXT = new AtomicBoolean(true);
    public static final AtomicBoolean FAIL_NEXT_NETIXLAN = new AtomicBoolean(true);
    public static final AtomicBoolean DOWN = new AtomicBoolean(false);
    /** When set, the next request is answered 429 with this Retry-After value. */
    public static final AtomicReference<String> RETRY_AFTER_NEXT = new AtomicReference<>();
    /** Every request is answered 429 while set. */
    public static final AtomicBoolean THROTTLE_ALWAYS = new AtomicBoolean(false);

    private static final String T = "2020-03-01T10:00:00Z";
    private static final JsonArray IX = new JsonArray()
            .add(new JsonObject().put("id", 201).put("name", "API IX").put("name_long", "API Exchange").put("city", "Amsterdam")
                    .put("country", "NL").put("org_id", 7).put("created", "2010-07-29T00:00:00Z").put("updated", T).put("status", "ok"))
            .add(new JsonObject().put("id", 202).put("name", "Unknown Land IX").put("country", "ZZ")
                    .put("created", "2010-07-29T00:00:00Z").put("updated", T).put("status", "ok"));
    private static final JsonArray NET = new JsonArray()
            .add(net(65101)).add(net(65102)).add(net(65103));
    private static final JsonArray NETIXLAN = new JsonArray()
            .add(port(1, 201, 65101, 10000, true))
            .add(port(2, 201, 65102, 1000, false))
            .add(port(3, 201, 65103, 100000, true))
            .add(port(4, 202, 65101, 1000, false))
            .add(port(5, 201, 65103, -1, false));

    private Vertx vertx;

    private static JsonObject net(long asn) {
        return new JsonObject().put("id", asn - 65000).put("asn", asn).put("name", "API Net " + asn).put("info_type", "Content")
                .put("policy_general", "Selective").put("created", "2010-07-29T00:00:00Z").put("updated", T).put("status", "ok");
    }

    private static JsonObject port(long id, long ix, long asn, long speed, boolean rs) {
        return new JsonObject().put("id", 9000 + id).put("ix_id", ix).put("ixlan_id", ix).put("asn", asn).put("speed", speed)
                .put("is_rs_peer", rs).put("created", "2019-01-15T00:00:00.123456Z").put("updated", T).put("status", "ok");
    }

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        try {
            HttpServer server = vertx.createHttpServer().requestHandler(this::answer)
                    .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            return Map.of("ixp.peeringdb.base-url", "http://127.0.0.1:" + server.actualPort() + "/api",
                    "ixp.peeringdb.api-key", "test-key");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void answer(HttpServerRequest request) {
        String type = request.path().substring(request.path().lastIndexOf('/') + 1);
        REQUESTS.add(List.of(request.path(), request.query() == null ? "" : request.query(),
                String.valueOf(request.getHeader("Authorization")), String.valueOf(System.nanoTime())));
        if (DOWN.get()) {
            request.response().setStatusCode(500).end("down");
            return;
        }
        String retryAfter = RETRY_AFTER_NEXT.getAndSet(null);
        if (retryAfter != null) {
            request.response().setStatusCode(429).putHeader("Retry-After", retryAfter).end("{\"message\":\"Request was throttled.\"}");
            return;
        }
        if (THROTTLE_NEXT.getAndSet(false) || THROTTLE_ALWAYS.get()) {
            request.response().setStatusCode(429).end("{\"message\":\"Request was throttled.\"}");
            return;
        }
        if (type.equals("netixlan") && FAIL_NEXT_NETIXLAN.getAndSet(false)) {
            request.response().setStatusCode(503).end("busy");
            return;
        }
        JsonArray all = switch (type) {
            case "ix" -> IX;
            case "net" -> NET;
            case "netixlan" -> NETIXLAN;
            default -> null;
        };
        if (all == null) {
            request.response().setStatusCode(404).end();
            return;
        }
        int limit = Integer.parseInt(request.getParam("limit", "1000"));
        int skip = Integer.parseInt(request.getParam("skip", "0"));
        JsonArray page = new JsonArray();
        for (int i = skip; i < Math.min(all.size(), skip + limit); i++) {
            page.add(all.getValue(i));
        }
        request.response().putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("data", page).put("meta", new JsonObject()).encode());
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }
}
