package org.observatory.registry.crawler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The fetcher against a server that keeps connections alive, as the crawler meets most Indico servers: whatever
 * a server answered on a connection (a redirect, a 403, a 500), the next request on it reaches the server, and a
 * kept-alive connection that the server closes under a request is retried once on a fresh connection.
 */
class KeptAliveConnectionTest {

    private static final int ROUNDS = 20;
    private static final int MAX_BYTES = 4096;
    private static final String STATISTICS = "/category/0/statistics.json";

    private static Vertx vertx;
    private KeepAliveServer server;
    private CrawlerClients clients;
    private JsonFetcher fetcher;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
        // Outside Quarkus, Vert.x's JSON codec initialises on first use, on the event loop, which on a busy
        // machine can take longer than a fetch's deadline: do it before any fetch.
        new JsonObject("{}");
    }

    @AfterAll
    static void stopVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @BeforeEach
    void start() {
        server = KeepAliveServer.start(vertx);
        // The crawler's own clients: keep-alive, a pool per server.
        clients = CrawlerClients.create(vertx, Duration.ofSeconds(5), 4);
        fetcher = new JsonFetcher(clients, new TargetGuard(List.of(CidrRange.parse("127.0.0.1/32"))),
                Duration.ofSeconds(5), MAX_BYTES, 3, "test");
    }

    @AfterEach
    void stop() throws Exception {
        clients.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        server.close();
    }

    private JsonObject fetch(String path) {
        return fetcher.fetch(server.url(path), Map.of("Accept", "application/json")).await().atMost(Duration.ofSeconds(30))
                .json();
    }

    private CrawlFailure refusal(String path) {
        return assertThrows(CrawlFailure.class, () -> fetch(path));
    }

    @Test
    void followsARedirectOnAKeptAliveConnectionAndTheNextRequestReachesTheServer() {
        for (int round = 1; round <= ROUNDS; round++) {
            assertEquals("3.3.4", fetch("/moved/system-info").getString("indico_version"), "round " + round);
            assertEquals(round, fetch("/moved" + STATISTICS).getInteger("users"), "round " + round);
        }
        assertEquals(ROUNDS, server.requests("/moved/system-info"));
        assertEquals(ROUNDS, server.requests("/moved/indico/system-info"), "every redirect hop reached the server");
        assertEquals(ROUNDS, server.requests("/moved" + STATISTICS));
        assertEquals(1, server.connectionsOpened(), "one kept-alive connection served every request");
        assertEquals(0, server.connectionsClosed(), "the crawler closed no connection");
    }

    @ParameterizedTest(name = "{0} answers {1}")
    @CsvSource({"forbidden, 403", "broken, 500", "chunked-broken, 500"})
    void aRefusedAnswerLeavesTheConnectionToTheNextRequest(String behaviour, int status) {
        for (int round = 1; round <= ROUNDS; round++) {
            CrawlFailure refused = refusal("/" + behaviour + "/system-info");
            assertEquals(CrawlFailure.HTTP_STATUS, refused.reason(), "round " + round);
            assertEquals(status, refused.httpStatus());
            assertEquals(round, fetch("/" + behaviour + STATISTICS).getInteger("users"), "round " + round);
        }
        assertEquals(ROUNDS, server.requests("/" + behaviour + "/system-info"));
        assertEquals(ROUNDS, server.requests("/" + behaviour + STATISTICS), "every second request reached the server");
        assertEquals(1, server.connectionsOpened(), "one kept-alive connection served every request");
        assertEquals(0, server.connectionsClosed(), "the crawler closed no connection");
    }

    @Test
    void aRedirectA403AndA500InTurnLeaveTheConnectionToTheNextRequests() {
        for (int round = 1; round <= ROUNDS; round++) {
            fetch("/moved/system-info");
            assertEquals(round, fetch("/moved" + STATISTICS).getInteger("users"));
            assertEquals(403, refusal("/forbidden/system-info").httpStatus());
            assertEquals(round, fetch("/forbidden" + STATISTICS).getInteger("users"));
            assertEquals(500, refusal("/broken/system-info").httpStatus());
            assertEquals(round, fetch("/broken" + STATISTICS).getInteger("users"));
        }
        assertEquals(ROUNDS, server.requests("/moved/indico/system-info"));
        assertEquals(1, server.connectionsOpened(), "one kept-alive connection served every request");
        assertEquals(0, server.connectionsClosed(), "the crawler closed no connection");
    }

    @Test
    void cutsARefusedAnswerLargerThanTheCapAndTheNextRequestStillSucceeds() {
        for (int round = 1; round <= 3; round++) {
            CrawlFailure refused = refusal("/big-broken/system-info");
            // The status says why; the size cap only cut the page short.
            assertEquals(CrawlFailure.HTTP_STATUS, refused.reason());
            assertEquals(500, refused.httpStatus());
            assertEquals(round, fetch("/big-broken" + STATISTICS).getInteger("users"));
        }
        assertEquals(3, server.requests("/big-broken" + STATISTICS));
    }

    @Test
    void retriesOnceOnAFreshConnectionWhenTheServerClosesAKeptAliveConnectionUnderARequest() {
        for (int crawl = 1; crawl <= 3; crawl++) {
            // The first crawl opens a connection that stays in the pool; the next crawl's request meets the close.
            assertEquals("3.3.4", fetch("/hangup/system-info").getString("indico_version"), "crawl " + crawl);
        }
        // Crawl 1 on connection A; crawl 2 on A (closed unanswered) then on fresh B; crawl 3 on new C.
        assertEquals(4, server.requests("/hangup/system-info"));
        assertEquals(3, server.connectionsOpened());
    }

    @Test
    void givesUpAfterOneRetryWhenEveryConnectionClosesBeforeTheAnswer() {
        CrawlFailure failure = refusal("/dead/system-info");
        assertEquals(CrawlFailure.CONNECTION, failure.reason());
        assertEquals(2, server.requests("/dead/system-info"), "the request and one retry");
    }
}
