package org.observatory.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.observatory.registry.RegistryTestSupport.adminToken;
import static org.observatory.registry.RegistryTestSupport.register;
import static org.observatory.registry.RegistryTestSupport.sql;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.observatory.registry.crawler.KeepAliveServer;

/**
 * Crawls through the service (admin crawl, store, listing) of Indico-like instances on one server that keeps
 * connections alive, with Indico's two endpoints ({@code /system-info}, {@code /category/0/statistics.json}):
 * whatever the first endpoint answered, the second is fetched and its newest figures merged.
 */
@QuarkusTest
class KeptAliveCrawlTest {

    private static final int CRAWLS = 5;

    private static Vertx vertx;

    @Inject
    Pool pool;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static ValidatableResponse crawlOne(long id) {
        return given().auth().oauth2(adminToken()).when().post("/registry/admin/instances/" + id + "/crawl").then()
                .statusCode(200);
    }

    private static ValidatableResponse detail(long id) {
        return given().when().get("/registry/instances/" + id).then().statusCode(200);
    }

    @Test
    void crawlsBothEndpointsAndEveryRedirectHopWhateverTheLastAnswerOnTheConnection() throws Exception {
        try (KeepAliveServer fleet = KeepAliveServer.start(vertx)) {
            long moved = register(pool, fleet.url("/moved"));
            long forbidden = register(pool, fleet.url("/forbidden"));
            long broken = register(pool, fleet.url("/broken"));
            for (int crawl = 1; crawl <= CRAWLS; crawl++) {
                crawlOne(moved).body("status", equalTo("ok")).body("reason", nullValue());
                detail(moved).body("fields.find { it.name == 'indico_version' }.value", equalTo("3.3.4"))
                        .body("fields.find { it.name == 'users' }.value", equalTo(crawl));

                crawlOne(forbidden).body("status", equalTo("failed")).body("reason", equalTo("http_status"))
                        .body("httpStatus", equalTo(403)).body("error", equalTo("GET /system-info: HTTP 403"));
                // The statistics endpoint answered after the 403: its newest figures are merged.
                detail(forbidden).body("fields.find { it.name == 'users' }.value", equalTo(crawl))
                        .body("fields.find { it.name == 'indico_version' }", nullValue());

                crawlOne(broken).body("status", equalTo("failed")).body("httpStatus", equalTo(500));
                detail(broken).body("fields.find { it.name == 'users' }.value", equalTo(crawl));
            }
            for (String instance : new String[] {"/moved", "/forbidden", "/broken"}) {
                assertEquals(CRAWLS, fleet.requests(instance + "/system-info"), instance);
                assertEquals(CRAWLS, fleet.requests(instance + "/category/0/statistics.json"), instance);
            }
            assertEquals(CRAWLS, fleet.requests("/moved/indico/system-info"), "every redirect hop reached the server");
            assertEquals(1, fleet.connectionsOpened(), "one kept-alive connection served every crawl");
            assertEquals(0, fleet.connectionsClosed(), "the crawler closed no connection");
        }
    }

    @Test
    void crawlsAFleetOnOneServerTwiceAndMergesTheNewestFiguresOfEveryInstance() throws Exception {
        // Keep the runs to this fleet (others have made-up host names the tests must not resolve).
        sql(pool, "UPDATE instance SET enabled = false WHERE url NOT LIKE 'https://st-%'");
        try (KeepAliveServer fleet = KeepAliveServer.start(vertx)) {
            Map<String, Long> ids = new LinkedHashMap<>();
            for (String instance : List.of("plain", "moved", "forbidden", "broken", "html", "chunked", "chunked-broken")) {
                ids.put(instance, register(pool, fleet.url("/" + instance)));
            }
            // Registered with the trailing slash Indico's base URL may carry: crawled at /indico/system-info.
            ids.put("indico", register(pool, fleet.url("/indico/")));
            for (int run = 1; run <= 2; run++) {
                given().auth().oauth2(adminToken()).when().post("/registry/admin/crawl").then().statusCode(200)
                        .body("crawled", equalTo(8))
                        .body("succeeded", equalTo(4))
                        .body("failures.http_status", equalTo(3))
                        .body("failures.not_json", equalTo(1));
                for (long id : ids.values()) {
                    detail(id).body("fields.find { it.name == 'users' }.value", equalTo(run));
                }
            }
            for (String instance : ids.keySet()) {
                assertEquals(2, fleet.requests("/" + instance + "/system-info"), instance);
                assertEquals(2, fleet.requests("/" + instance + "/category/0/statistics.json"), instance);
            }
            assertEquals(2, fleet.requests("/moved/indico/system-info"));
            detail(ids.get("html")).body("crawls[0].reason", equalTo("not_json"))
                    .body("fields.find { it.name == 'indico_version' }", nullValue());
            detail(ids.get("chunked")).body("fields.find { it.name == 'indico_version' }.value", equalTo("3.3.4"));
            detail(ids.get("indico")).body("crawl.status", equalTo("ok"));
            assertEquals(0, fleet.connectionsClosed(), "the crawler closed no connection");
        } finally {
            sql(pool, "UPDATE instance SET enabled = false WHERE url LIKE 'http://127.0.0.1:%'");
        }
    }

    @Test
    void retriesOnceOnAFreshConnectionWhenTheServerClosedTheKeptAliveOneBetweenCrawls() throws Exception {
        try (KeepAliveServer fleet = KeepAliveServer.start(vertx)) {
            long id = register(pool, fleet.url("/hangup"));
            // Each crawl opens a connection for /system-info and keeps it alive; the statistics request on it
            // meets the server's close and is retried on a fresh connection.
            crawlOne(id).body("status", equalTo("ok"));
            crawlOne(id).body("status", equalTo("ok"));
            detail(id).body("crawl.consecutiveFailures", equalTo(0))
                    .body("fields.find { it.name == 'indico_version' }.value", equalTo("3.3.4"));
            assertEquals(2, fleet.requests("/hangup/system-info"));
            assertEquals(4, fleet.requests("/hangup/category/0/statistics.json"), "each closed request and its retry");
        }
    }
}
