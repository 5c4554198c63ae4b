package org.observatory.perfarchive;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.observatory.perfarchive.Esmond.ROOT;
import static org.observatory.perfarchive.Esmond.admin;
import static org.observatory.perfarchive.Esmond.create;
import static org.observatory.perfarchive.Esmond.metadata;
import static org.observatory.perfarchive.Esmond.withEventType;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.Response;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuthTest {

    private static final String POINT = "{\"ts\": %d, \"val\": 5}";

    @Test
    void readsAreAnonymousAndWritesNeedACredential() {
        String key = create(withEventType(metadata("auth/anon", "203.0.113.1", "203.0.113.2"), "packet-reorders"));
        given().get(ROOT + "/" + key + "/").then().statusCode(200);
        given().contentType("application/json").body(String.format(POINT, 1)).post(ROOT + "/" + key + "/packet-reorders/base")
                .then().statusCode(401);
        given().contentType("application/json").body(withEventType(metadata("auth/anon2", "203.0.113.1", "203.0.113.2"), "packet-reorders"))
                .post(ROOT + "/").then().statusCode(401);
        given().contentType("application/json").body("{\"data\": []}").put(ROOT + "/" + key + "/").then().statusCode(401);
    }

    @Test
    void bearerTokenNeedsTheWriteRole() {
        String key = create(withEventType(metadata("auth/bearer", "203.0.113.3", "203.0.113.4"), "packet-reorders"));
        String reader = OidcWiremockTestResource.getAccessToken("bob", Set.of("logs:write"));
        given().header("Authorization", "Bearer " + reader).contentType("application/json").body(String.format(POINT, 1))
                .post(ROOT + "/" + key + "/packet-reorders/base").then().statusCode(403);
        given().header("Authorization", "Bearer not-a-token").contentType("application/json").body(String.format(POINT, 1))
                .post(ROOT + "/" + key + "/packet-reorders/base").then().statusCode(401);
    }

    @Test
    void esmondTokenAndApiKeyWriteUntilRevoked() {
        String key = create(withEventType(metadata("auth/token", "203.0.113.5", "203.0.113.6"), "packet-reorders"));
        Response created = admin().contentType("application/json")
                .body(Map.of("username", "pscheduler-lbl", "description", "LBL toolkit"))
                .post("/perf/keys");
        created.then().statusCode(201).body("key", matchesPattern("[0-9a-f]{40}")).body("id", notNullValue());
        String secret = created.path("key");
        int id = created.path("id");

        given().header("Authorization", "Token " + secret).contentType("application/json").body(String.format(POINT, 10))
                .post(ROOT + "/" + key + "/packet-reorders/base").then().statusCode(201);
        given().header("Authorization", "ApiKey pscheduler-lbl:" + secret).contentType("application/json")
                .body(String.format(POINT, 20)).post(ROOT + "/" + key + "/packet-reorders/base").then().statusCode(201);
        given().header("Authorization", "ApiKey someone-else:" + secret).contentType("application/json")
                .body(String.format(POINT, 30)).post(ROOT + "/" + key + "/packet-reorders/base").then().statusCode(401);
        given().header("Authorization", "Token 0123456789abcdef0123456789abcdef01234567").contentType("application/json")
                .body(String.format(POINT, 30)).post(ROOT + "/" + key + "/packet-reorders/base").then().statusCode(401);
        // Keys write measurements, they do not administer keys.
        given().header("Authorization", "Token " + secret).get("/perf/keys").then().statusCode(403);

        admin().get("/perf/keys").then().statusCode(200)
                .body("username", hasItem("pscheduler-lbl"))
                .body("findAll { it.id == " + id + " }.key", not(hasItem(notNullValue())));
        admin().delete("/perf/keys/" + id).then().statusCode(204);
        admin().delete("/perf/keys/999999").then().statusCode(404);
        given().header("Authorization", "Token " + secret).contentType("application/json").body(String.format(POINT, 40))
                .post(ROOT + "/" + key + "/packet-reorders/base").then().statusCode(401);
        given().get(ROOT + "/" + key + "/packet-reorders/base").then().body("ts", org.hamcrest.Matchers.contains(10, 20));
    }

    @Test
    void keyAdministrationNeedsTheAdminRole() {
        Esmond.writer().contentType("application/json").body(Map.of("username", "x")).post("/perf/keys").then().statusCode(403);
        given().get("/perf/keys").then().statusCode(401);
        admin().contentType("application/json").body(Map.of("username", "has:colon")).post("/perf/keys").then().statusCode(400);
    }
}
