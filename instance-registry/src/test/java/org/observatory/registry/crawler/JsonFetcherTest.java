package org.observatory.registry.crawler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fetcher with the production setting: no network allowed, so loopback targets are refused before any request. */
class JsonFetcherTest {

    private static Vertx vertx;
    private static HttpServer server;
    private static final AtomicInteger REQUESTS = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        // Outside Quarkus, Vert.x's JSON codec initialises on first use, on the event loop, which on a busy
        // machine can take longer than a fetch's deadline: do it before any fetch.
        new JsonObject("{}");
        server = vertx.createHttpServer().requestHandler(request -> {
            REQUESTS.incrementAndGet();
            if (request.path().startsWith("/to-private")) {
                request.response().setStatusCode(302).putHeader("Location", "http://10.0.0.1/system-info").end();
            } else {
                request.response().putHeader("Content-Type", "application/json").end("{\"indico_version\": \"3.3\"}");
            }
        });
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static JsonFetcher fetcher(List<CidrRange> allowed) {
        return new JsonFetcher(CrawlerClients.create(vertx, Duration.ofSeconds(5), 2), new TargetGuard(allowed),
                Duration.ofSeconds(5), 4096, 3, "test");
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + server.actualPort() + path;
    }

    @Test
    void refusesLoopbackWhenNoNetworkIsAllowedWithoutSendingARequest() {
        int before = REQUESTS.get();
        CrawlFailure refusal = assertThrows(CrawlFailure.class,
                () -> fetcher(List.of()).fetch(url("/system-info"), Map.of()).await().indefinitely());
        assertEquals(CrawlFailure.REFUSED_ADDRESS, refusal.reason());
        assertEquals(before, REQUESTS.get(), "no request reached the server");
    }

    @Test
    void refusesARedirectToAPrivateAddressEvenFromAnAllowedTarget() {
        CrawlFailure refusal = assertThrows(CrawlFailure.class,
                () -> fetcher(List.of(CidrRange.parse("127.0.0.1/32"))).fetch(url("/to-private"), Map.of()).await().indefinitely());
        assertEquals(CrawlFailure.REFUSED_ADDRESS, refusal.reason());
    }

    @Test
    void fetchesFromAnAllowedTarget() {
        var fetched = fetcher(List.of(CidrRange.parse("127.0.0.1/32"))).fetch(url("/system-info"), Map.of()).await().indefinitely();
        assertEquals("3.3", fetched.json().getString("indico_version"));
        assertEquals("127.0.0.1", fetched.address().getHostAddress());
    }
}
