package org.observatory.registry;

import static io.restassured.RestAssured.given;

import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.ConfigProvider;

/** Registration and database helpers shared by the tests (through the public API where there is one). */
final class RegistryTestSupport {

    private static final AtomicInteger CLIENTS = new AtomicInteger();

    private RegistryTestSupport() {
    }

    static String targetUrl(String behaviour) {
        return ConfigProvider.getConfig().getValue("test.crawl-target.url", String.class) + "/" + behaviour;
    }

    /** Registers {@code url} through the Indico API from a fresh client address and returns the instance's id. */
    static long register(Pool pool, String url) {
        String uuid = given().header("X-Forwarded-For", "192.0.2." + (CLIENTS.incrementAndGet() % 250 + 1))
                .contentType(ContentType.JSON)
                .body(Map.of("url", url, "contact", "Admin", "email", "admin@example.org", "organization", "Test"))
                .when().post("/api/instance/").then().statusCode(200).extract().path("uuid");
        return pool.preparedQuery("SELECT id FROM instance WHERE uuid = $1").execute(Tuple.of(UUID.fromString(uuid)))
                .await().indefinitely().iterator().next().getLong(0);
    }

    static void sql(Pool pool, String statement, Object... parameters) {
        pool.preparedQuery(statement).execute(Tuple.from(parameters)).await().indefinitely();
    }

    static String adminToken() {
        return OidcWiremockTestResource.getAccessToken("admin", Set.of("registry:admin"));
    }

    static String userToken() {
        return OidcWiremockTestResource.getAccessToken("user", Set.of("measurements:write"));
    }
}
