package org.observatory.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import java.util.Set;
import org.junit.jupiter.api.Test;

@QuarkusTest
class GatewayRoutingTest {

    @Test
    void forwardsEsmondPathsWithTheirQueryToPerfArchive() {
        given().when().get("/esmond/perfsonar/archive/?source=10.0.0.1&limit=5")
                .then().statusCode(201)
                .body("method", equalTo("GET"))
                .body("uri", equalTo("/esmond/perfsonar/archive/?source=10.0.0.1&limit=5"));
    }

    @Test
    void streamsARequestBodyToTheBackendUnchanged() {
        String body = "x".repeat(3_000_000);
        String token = OidcWiremockTestResource.getAccessToken("ringserver", Set.of("logs:write"));
        given().auth().oauth2(token).contentType("text/plain").body(body).when().post("/logs/txlog")
                .then().statusCode(201)
                .body("method", equalTo("POST"))
                .body("bodyLength", equalTo(3_000_000))
                .body("bodyHash", equalTo(Integer.toHexString(body.hashCode())));
    }

    @Test
    void replacesForwardingHeadersThatAClientMadeUp() {
        given().header("X-Forwarded-For", "6.6.6.6").header("Forwarded", "for=6.6.6.6;host=evil.example;proto=https")
                .header("X-Forwarded-Ssl", "on").header("X-Forwarded-Host", "evil.example")
                .when().get("/api/instance/abc")
                .then().statusCode(201)
                .body("headers.'x-forwarded-for'", equalTo("127.0.0.1"))
                .body("headers.'x-forwarded-host'", equalTo("observatory.example.org"))
                .body("headers.'x-forwarded-proto'", equalTo("https"))
                .body("headers.'x-forwarded-ssl'", nullValue())
                .body("headers.'forwarded'", nullValue());
    }

    @Test
    void neverPassesTheClientsHostOnToTheBackend() {
        given().header("Host", "evil.example").when().get("/api/instance/abc")
                .then().statusCode(201)
                .body("headers.host", startsWith("127.0.0.1:"))
                .body("headers.'x-forwarded-host'", equalTo("observatory.example.org"));
    }

    @Test
    void rejectsAnInvalidBearerTokenBeforeTheBackendSeesIt() {
        given().auth().oauth2("not-a-token").when().get("/ixp/ixps")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("status", equalTo(401));
    }

    @Test
    void passesAValidBearerTokenOnToTheBackend() {
        String token = OidcWiremockTestResource.getAccessToken("agent", Set.of("measurements:write"));
        given().auth().oauth2(token).contentType("application/json").body("{}")
                .when().put("/esmond/perfsonar/archive/ABC/")
                .then().statusCode(201)
                .body("headers.authorization", equalTo("Bearer " + token));
    }

    @Test
    void servesEachServicesOpenApiDocumentFromItsManagementInterface() {
        given().when().get("/services/ixp-service/openapi")
                .then().statusCode(200)
                .body("info.title", equalTo("Observatory ixp-service"));
        given().when().get("/services/nothing/openapi")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void listsEveryServiceWithItsReadiness() {
        given().when().get("/services")
                .then().statusCode(200)
                .body("name", containsInAnyOrder("instance-registry",
                        "ixp-service", "log-ingest", "perf-archive", "offline-service"))
                .body("find { it.name == 'offline-service' }.ready", equalTo(false))
                .body("ready", hasItems(true))
                .body("find { it.name == 'perf-archive' }.paths", hasItems("/esmond", "/perf"))
                .body("find { it.name == 'perf-archive' }.url", nullValue());
    }

    @Test
    void tellsATokenHolderWhoItIs() {
        String token = OidcWiremockTestResource.getAccessToken("alice", Set.of("ixp:admin", "logs:write"));
        given().auth().oauth2(token).when().get("/whoami")
                .then().statusCode(200)
                .body("name", equalTo("alice"))
                .body("roles", hasItems("ixp:admin", "logs:write"));
    }

    @Test
    void refusesWhoAmIWithoutAToken() {
        given().when().get("/whoami").then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"));
    }

    @Test
    void answersUnknownGatewayPathsWithProblemJson() {
        given().when().get("/nothing/here")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("detail", not(nullValue()));
    }

    @Test
    void servesOneOpenApiDocumentMergedFromEveryService() {
        given().when().get("/openapi")
                .then().statusCode(200)
                .body("info.title", equalTo("Observatory"))
                .body("paths.keySet()", hasItems("/ixp/things", "/registry/things", "/esmond/things", "/logs/things",
                        "/services", "/whoami"))
                .body("components.securitySchemes.oauth2.type", equalTo("oauth2"))
                .body("components.securitySchemes.bearer.scheme", equalTo("bearer"))
                .body("paths.'/esmond/things'.get.security[0].keySet()", hasItems("oauth2"))
                .body("paths.'/esmond/things'.get.security[1].keySet()", hasItems("bearer"))
                .body("servers[0].url", equalTo("https://observatory.test"));
    }
}
