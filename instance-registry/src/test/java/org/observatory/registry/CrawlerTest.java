package org.observatory.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.observatory.registry.RegistryTestSupport.adminToken;
import static org.observatory.registry.RegistryTestSupport.register;
import static org.observatory.registry.RegistryTestSupport.sql;
import static org.observatory.registry.RegistryTestSupport.targetUrl;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.observatory.registry.crawler.CrawlStore;
import org.observatory.registry.crawler.CrawlTarget;

/** The crawler's rules, against the local server of {@link CrawlTargetServer} (127.0.0.1 only is allowed). */
@QuarkusTest
@QuarkusTestResource(CrawlTargetServer.class)
class CrawlerTest {

    @Inject
    Pool pool;

    @Inject
    CrawlStore store;

    private ValidatableResponse crawlOne(long id) {
        return given().auth().oauth2(adminToken()).when().post("/registry/admin/instances/" + id + "/crawl").then();
    }

    private ValidatableResponse detail(long id) {
        return given().when().get("/registry/instances/" + id).then().statusCode(200);
    }

    @Test
    void mergesTheJsonOfAGoodAnswerAndRecordsTheAttempt() {
        long id = register(pool, targetUrl("good") + "/merge");
        crawlOne(id).statusCode(200).body("status", equalTo("ok")).body("reason", nullValue());
        detail(id)
                .body("crawl.status", equalTo("ok"))
                .body("crawl.consecutiveFailures", equalTo(0))
                .body("fields.find { it.name == 'indico_version' }.value", equalTo("3.3.4"))
                // merged from the second configured endpoint
                .body("fields.find { it.name == 'total_events' }.value", equalTo(216))
                .body("fields.find { it.name == 'postgres_version' }.label", equalTo("PostgreSQL version"))
                .body("fields.find { it.name == 'python_version' }.label", equalTo("Python version"))
                // debug is hidden by configuration
                .body("fields.find { it.name == 'debug' }", nullValue())
                .body("crawls", hasSize(1))
                .body("crawls[0].status", equalTo("ok"));
    }

    @Test
    void mergesNothingFromErrorPagesOrNonJsonAnswers() {
        Map<String, String> reasons = new LinkedHashMap<>();
        reasons.put("html-error", "http_status");
        reasons.put("json-error", "http_status");
        reasons.put("html-ok", "not_json");
        reasons.put("not-json", "not_json");
        reasons.put("array", "not_json");
        reasons.put("no-such-behaviour", "http_status");
        reasons.forEach((behaviour, reason) -> {
            long id = register(pool, targetUrl(behaviour));
            crawlOne(id).statusCode(200).body("status", equalTo("failed")).body("reason", equalTo(reason));
            detail(id).body("fields", hasSize(0))
                    .body("crawl.status", equalTo("failed"))
                    .body("crawl.error", containsString("/system-info"))
                    .body("crawls[0].reason", equalTo(reason));
        });
    }

    @Test
    void keepsEarlierFieldsAndCountsConsecutiveFailures() {
        long id = register(pool, targetUrl("good") + "/consecutive");
        crawlOne(id).body("status", equalTo("ok"));
        // The server now answers with an error page: the fields from the good answer stay.
        sql(pool, "UPDATE instance SET url = $2 WHERE id = $1", id, targetUrl("html-error") + "/consecutive");
        crawlOne(id).body("status", equalTo("failed"));
        crawlOne(id).body("status", equalTo("failed"));
        detail(id).body("crawl.consecutiveFailures", equalTo(2))
                .body("crawl.lastSuccess", org.hamcrest.Matchers.notNullValue())
                .body("fields.find { it.name == 'indico_version' }.value", equalTo("3.3.4"))
                .body("crawls", hasSize(3))
                .body("crawls.status", equalTo(List.of("failed", "failed", "ok")));
        sql(pool, "UPDATE instance SET url = $2 WHERE id = $1", id, targetUrl("good") + "/consecutive");
        crawlOne(id).body("status", equalTo("ok"));
        detail(id).body("crawl.consecutiveFailures", equalTo(0));
    }

    @Test
    void recordsConnectionFailures() {
        // Nothing listens on port 1.
        long id = register(pool, "http://127.0.0.1:1/closed");
        crawlOne(id).statusCode(200).body("status", equalTo("failed")).body("reason", equalTo("connection"));
        detail(id).body("crawls[0].reason", equalTo("connection")).body("crawl.consecutiveFailures", equalTo(1));
    }

    @Test
    void recordsAnAnswerWithNulCharactersAsAFailedAttemptBeforeTheDatabaseSeesIt() {
        // service-commons' strict JSON refuses NUL in any string, so the answer fails as unreadable JSON.
        long id = register(pool, targetUrl("nul-char"));
        crawlOne(id).statusCode(200).body("status", equalTo("failed")).body("reason", equalTo("not_json"));
        detail(id).body("fields", hasSize(0)).body("crawls[0].reason", equalTo("not_json"));
    }

    @Test
    void givesUpOnAnAnswerThatDoesNotComeInTime() {
        long id = register(pool, targetUrl("never-answers"));
        crawlOne(id).statusCode(200).body("status", equalTo("failed")).body("reason", equalTo("timeout"));
    }

    @Test
    void capsTheSizeOfAnswersDeclaredOrStreamed() {
        for (String behaviour : List.of("big-chunked", "big-declared")) {
            long id = register(pool, targetUrl(behaviour));
            crawlOne(id).statusCode(200).body("status", equalTo("failed")).body("reason", equalTo("too_large"));
            detail(id).body("fields", hasSize(0));
        }
    }

    @Test
    void followsRedirectsWithTheSameChecks() {
        long good = register(pool, targetUrl("redirect-good"));
        crawlOne(good).body("status", equalTo("ok"));
        long relative = register(pool, targetUrl("redirect-relative"));
        crawlOne(relative).body("status", equalTo("ok"));
        long loop = register(pool, targetUrl("redirect-loop"));
        crawlOne(loop).body("status", equalTo("failed")).body("reason", equalTo("redirect"));
        long ftp = register(pool, targetUrl("redirect-ftp"));
        crawlOne(ftp).body("status", equalTo("failed")).body("reason", equalTo("redirect"));
    }

    @Test
    void refusesRedirectsToPrivateAddresses() {
        long metadata = register(pool, targetUrl("redirect-metadata"));
        crawlOne(metadata).body("status", equalTo("failed")).body("reason", equalTo("refused_address"))
                .body("error", containsString("169.254.169.254"));
        // Only 127.0.0.1/32 is allowed for the tests: another loopback address is refused.
        long loopback = register(pool, targetUrl("redirect-loopback"));
        crawlOne(loopback).body("status", equalTo("failed")).body("reason", equalTo("refused_address"));
        detail(loopback).body("fields", hasSize(0));
        long ipv6 = register(pool, targetUrl("redirect-ipv6-loopback"));
        crawlOne(ipv6).body("status", equalTo("failed")).body("reason", equalTo("refused_address"))
                .body("error", containsString("0:0:0:0:0:0:0:1"));
        detail(ipv6).body("fields", hasSize(0));
    }

    @Test
    void refusesPrivateLoopbackLinkLocalAndMulticastTargets() {
        for (String url : List.of("http://10.1.2.3", "http://192.168.1.1:8080", "http://127.0.0.2", "http://[::1]:8080",
                "http://169.254.169.254", "http://224.0.0.1", "http://[fd00::1]", "http://0.0.0.0", "http://100.64.0.1")) {
            long id = register(pool, url);
            crawlOne(id).body("status", equalTo("failed")).body("reason", equalTo("refused_address"));
        }
    }

    @Test
    void neverSendsCredentials() {
        long id = register(pool, targetUrl("auth-echo"));
        crawlOne(id).body("status", equalTo("ok"));
        detail(id).body("fields.find { it.name == 'saw_authorization' }.value", equalTo(false))
                .body("fields.find { it.name == 'agent' }.value", containsString("Observatory"));
    }

    @Test
    void crawlsAllDueInstancesAndIsolatesFailures() {
        // Keep the run to this test's instances (others have made-up host names the tests must not resolve).
        sql(pool, "UPDATE instance SET enabled = false WHERE url NOT LIKE 'https://st-%'");
        long good = register(pool, targetUrl("good") + "/all");
        long broken = register(pool, targetUrl("html-error") + "/all");
        long slow = register(pool, targetUrl("never-answers") + "/all");
        long other = register(pool, targetUrl("other") + "/all");
        long stopped = register(pool, targetUrl("good") + "/stopped");
        sql(pool, "UPDATE instance SET registered = now() - interval '40 days' WHERE id = $1", stopped);
        long disabled = register(pool, targetUrl("good") + "/disabled");
        given().auth().oauth2(adminToken()).when().post("/registry/admin/instances/" + disabled + "/disable")
                .then().statusCode(204);

        given().auth().oauth2(adminToken()).when().post("/registry/admin/crawl").then().statusCode(200)
                .body("crawled", equalTo(4))
                .body("succeeded", equalTo(2))
                .body("failures.http_status", equalTo(1))
                .body("failures.timeout", equalTo(1));

        detail(good).body("crawl.status", equalTo("ok"));
        detail(other).body("crawl.status", equalTo("ok")).body("fields.find { it.name == 'rooms' }.value", equalTo(List.of(1, 2)));
        detail(broken).body("crawl.status", equalTo("failed"));
        detail(slow).body("crawl.status", equalTo("failed")).body("crawls[0].reason", equalTo("timeout"));
        // No success for more than the configured days: not crawled, but still listed.
        detail(stopped).body("crawl.status", equalTo("stopped")).body("crawls", hasSize(0));
        given().queryParam("crawlStatus", "stopped").when().get("/registry/instances").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.hasItem((int) stopped));
        detail(disabled).body("enabled", equalTo(false)).body("crawls", hasSize(0));
        // An admin can still crawl a stopped instance on demand.
        crawlOne(stopped).body("status", equalTo("ok"));
    }

    @Test
    void crawlsNoMoreInstancesAtOnceThanConfigured() {
        sql(pool, "UPDATE instance SET enabled = false WHERE url NOT LIKE 'https://st-%'");
        for (int i = 0; i < 12; i++) {
            register(pool, targetUrl("counted") + "/" + i);
        }
        given().auth().oauth2(adminToken()).when().post("/registry/admin/crawl").then().statusCode(200)
                .body("crawled", equalTo(12)).body("succeeded", equalTo(12));
        int most = given().when().get(targetUrl("counted-max")).then().statusCode(200).extract().path("max");
        assertTrue(most <= 4, "at most 4 (the test concurrency) requests at once, saw " + most);
        sql(pool, "UPDATE instance SET enabled = false WHERE url LIKE '%/counted/%'");
    }

    @Test
    void twoReplicasNeverClaimTheSameInstance() {
        sql(pool, "UPDATE instance SET enabled = false WHERE url NOT LIKE 'https://st-%'");
        Set<Long> registered = new HashSet<>();
        for (int i = 0; i < 12; i++) {
            registered.add(register(pool, targetUrl("good") + "/claim-" + i));
        }
        OffsetDateTime runStart = OffsetDateTime.now(ZoneOffset.UTC);
        List<List<CrawlTarget>> claims = Uni.join().all(store.claim(5, runStart), store.claim(5, runStart),
                store.claim(5, runStart), store.claim(5, runStart)).andFailFast().await().indefinitely();
        Set<Long> seen = new HashSet<>();
        int total = 0;
        for (List<CrawlTarget> claim : claims) {
            for (CrawlTarget target : claim) {
                assertTrue(seen.add(target.id()), "instance " + target.id() + " claimed twice");
                total++;
            }
        }
        assertEquals(12, total, "every due instance is claimed exactly once");
        assertEquals(registered, seen);
        // A claimed instance is not crawled on demand either until its lease ends.
        crawlOne(registered.iterator().next()).statusCode(409);
        sql(pool, "UPDATE instance SET crawl_lease_until = NULL, enabled = false WHERE url LIKE '%/claim-%'");
    }

    @Test
    void runsOneCrawlAtATimeAcrossReplicas() {
        // Another replica's run holds the job lock on its own connection.
        SqlConnection otherReplica = pool.getConnection().await().indefinitely();
        try {
            otherReplica.query("SELECT pg_advisory_lock(hashtextextended('instance-registry-crawl', 0))").execute()
                    .await().indefinitely();
            given().auth().oauth2(adminToken()).when().post("/registry/admin/crawl").then().statusCode(409);
        } finally {
            // Pooled connections outlive close(): free the session lock explicitly.
            otherReplica.query("SELECT pg_advisory_unlock(hashtextextended('instance-registry-crawl', 0))").execute()
                    .await().indefinitely();
            otherReplica.close().await().indefinitely();
        }
    }

    @Test
    void keepsTheLocationWhenALaterLookupFindsNothing() {
        long id = register(pool, targetUrl("good") + "/located");
        sql(pool, "UPDATE instance SET country_code = 'JP', country_name = 'Japan', latitude = 35.69, longitude = 139.69"
                + " WHERE id = $1", id);
        // 127.0.0.1 is not in the GeoIP database: the lookup finds nothing.
        crawlOne(id).body("status", equalTo("ok"));
        detail(id).body("country.code", equalTo("JP")).body("country.name", equalTo("Japan"))
                .body("country.latitude", equalTo(35.69f));
    }

    @Test
    void adminActionsNeedTheAdminRole() {
        long id = register(pool, targetUrl("good") + "/guarded");
        given().when().post("/registry/admin/instances/" + id + "/crawl").then().statusCode(401);
        given().auth().oauth2(RegistryTestSupport.userToken()).when().post("/registry/admin/crawl").then().statusCode(403);
        given().auth().oauth2(RegistryTestSupport.userToken()).when().delete("/registry/admin/instances/" + id).then().statusCode(403);
        given().auth().oauth2(adminToken()).when().delete("/registry/admin/instances/" + id).then().statusCode(204);
        given().when().get("/registry/instances/" + id).then().statusCode(404);
        given().auth().oauth2(adminToken()).when().delete("/registry/admin/instances/" + id).then().statusCode(404);
        crawlOne(id).statusCode(404);
    }
}
