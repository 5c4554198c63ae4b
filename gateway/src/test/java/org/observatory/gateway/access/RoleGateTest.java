package org.observatory.gateway.access;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.specification.RequestSpecification;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The route table at the door: each refusal is a problem+json, and the backend (counting requests) never saw it. */
@QuarkusTest
class RoleGateTest {

    private static String token(String... roles) {
        return OidcWiremockTestResource.getAccessToken("someone", Set.of(roles));
    }

    /** Requests that reached the backend serving {@code prefix}. */
    private static int served(String prefix) {
        return given().get(prefix + "/__requests").then().statusCode(200).extract().path("requests");
    }

    private static void refusedBeforeTheBackend(String prefix, int status, RequestSpecification request, String method, String path) {
        int before = served(prefix);
        request.when().request(method, path).then().statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("detail", org.hamcrest.Matchers.notNullValue());
        assertEquals(before, served(prefix), "the backend saw a request the gateway should have refused");
    }

    @Test
    void refusesAnEsmondWriteWithoutATokenBeforePerfArchiveSeesIt() {
        int before = served("/esmond");
        given().contentType("application/json").body("{}").when().post("/esmond/perfsonar/archive/")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("detail", containsString("measurements:write"));
        assertEquals(before, served("/esmond"));
    }

    @Test
    void refusesAnEsmondWriteWhoseTokenLacksTheRoleWith403() {
        int before = served("/esmond");
        given().auth().oauth2(token("logs:write")).contentType("application/json").body("{}")
                .when().put("/esmond/perfsonar/archive/ABC/")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("status", equalTo(403))
                .body("detail", containsString("measurements:write"))
                .body("instance", equalTo("/esmond/perfsonar/archive/ABC/"));
        assertEquals(before, served("/esmond"));
    }

    @Test
    void forwardsAnEsmondWriteWhoseTokenHasTheRole() {
        int before = served("/esmond");
        given().auth().oauth2(token("measurements:write")).contentType("application/json").body("{}")
                .when().post("/esmond/perfsonar/archive/")
                .then().statusCode(201).body("method", equalTo("POST"));
        assertEquals(before + 1, served("/esmond"));
    }

    @Test
    void handsEsmondsOwnKeysToPerfArchiveOnEsmondWrites() {
        given().header("Authorization", "Token 0123456789abcdef").contentType("application/json").body("{}")
                .when().post("/esmond/perfsonar/archive/")
                .then().statusCode(201).body("headers.authorization", equalTo("Token 0123456789abcdef"));
        given().header("Authorization", "ApiKey agent:0123456789abcdef").contentType("application/json").body("{}")
                .when().put("/esmond/perfsonar/archive/ABC/")
                .then().statusCode(201).body("headers.authorization", equalTo("ApiKey agent:0123456789abcdef"));
    }

    @Test
    void refusesAnEsmondKeyOnAnotherServicesWrite() {
        refusedBeforeTheBackend("/logs", 401, given().header("Authorization", "Token 0123456789abcdef")
                .contentType("text/plain").body("x"), "POST", "/logs/txlog");
    }

    @Test
    void dropsAnEsmondKeyOnAReadOfAnotherService() {
        given().header("Authorization", "Token 0123456789abcdef").when().get("/ixp/ixps")
                .then().statusCode(201).body("headers.authorization", nullValue());
    }

    @Test
    void leavesAnonymousReadsOpen() {
        given().when().get("/ixp/ixps?limit=10").then().statusCode(201).body("method", equalTo("GET"));
        given().when().get("/esmond/perfsonar/archive/?limit=1").then().statusCode(201);
        given().when().get("/logs/totals").then().statusCode(201);
    }

    @Test
    void needsLogsWriteForATxLog() {
        refusedBeforeTheBackend("/logs", 401, given().contentType("text/plain").body("x"), "POST", "/logs/txlog");
        refusedBeforeTheBackend("/logs", 403, given().auth().oauth2(token("measurements:write")).contentType("text/plain").body("x"),
                "POST", "/logs/txlog");
        refusedBeforeTheBackend("/logs", 403, given().auth().oauth2(token("measurements:write")).contentType("text/plain").body("x"),
                "POST", "/logs/txlog/");
        given().auth().oauth2(token("logs:write")).contentType("text/plain").body("x").when().post("/logs/txlog")
                .then().statusCode(201);
    }

    @Test
    void needsIxpAdminForAnImport() {
        refusedBeforeTheBackend("/ixp", 403, given().auth().oauth2(token("measurements:write", "logs:write")),
                "POST", "/ixp/imports/archive/2024-01");
        given().auth().oauth2(token("ixp:admin")).when().post("/ixp/imports/archive/2024-01").then().statusCode(201);
    }

    @Test
    void needsRegistryAdminForRegistryAdministration() {
        refusedBeforeTheBackend("/registry", 401, given(), "POST", "/registry/admin/crawl");
        refusedBeforeTheBackend("/registry", 403, given().auth().oauth2(token("ixp:admin")), "DELETE", "/registry/admin/instances/3");
    }

    @Test
    void needsMeasurementsAdminEvenToListPerfArchiveKeys() {
        refusedBeforeTheBackend("/esmond", 403, given().auth().oauth2(token("measurements:write")), "GET", "/perf/keys");
        given().auth().oauth2(token("measurements:admin")).when().get("/perf/keys").then().statusCode(201);
    }
}
