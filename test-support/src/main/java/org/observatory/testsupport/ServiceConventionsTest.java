package org.observatory.testsupport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * The conventions every service with a database keeps, and the security review's findings kept found: health,
 * metrics and OpenAPI live on the management interface only, and the OpenAPI document is fit for client generators
 * ({@link OpenApiConventions}); metrics never carry path values; a NUL byte is a 400; every 401, 403 and 415 is
 * problem+json, and so is the 414 of an over-long URI; an ID token or a token for another audience is refused. A service's test class extends this with its
 * {@code @QuarkusTest} and test resources (including the OIDC test server), and names three of its paths.
 */
public abstract class ServiceConventionsTest {

    private static final String MARKER = "c0ffee-owner-key-must-not-leak";

    @TestHTTPResource(value = "/", management = true)
    URL management;

    /** A GET anyone may call, without parameters: {@code /ixp/ixps}. */
    protected abstract String anonymousReadPath();

    /** A POST that needs a role no test token below carries: {@code /ixp/imports/peeringdb}. */
    protected abstract String securedPostPath();

    /** A path that carries a key or an id as a path segment, built around {@code value}. */
    protected abstract String pathWithValue(String value);

    @Test
    void isReadyOnlyWithItsDatabase() {
        given().baseUri(managementBase()).when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.findAll { it.name.contains('PostgreSQL') }.status", hasItem("UP"));
    }

    @Test
    void isAliveWithoutAskingTheDatabase() {
        given().baseUri(managementBase()).when().get("/q/health/live")
                .then().statusCode(200)
                .body("status", equalTo("UP"));
    }

    /** The lines every service shares come from service-commons' defaults; each service still gets them. */
    @Test
    void takesTheSuiteDefaultsFromServiceCommons() {
        var config = ConfigProvider.getConfig();
        Assertions.assertEquals("3.0.3", config.getValue("quarkus.smallrye-openapi.open-api-version", String.class));
        Assertions.assertEquals("method", config.getValue("quarkus.smallrye-openapi.operation-id-strategy", String.class));
        Assertions.assertEquals("Bearer", config.getValue("quarkus.oidc.token.required-claims.typ", String.class));
        Assertions.assertEquals(Boolean.FALSE, config.getValue("quarkus.datasource.devservices.enabled", Boolean.class));
        Assertions.assertEquals(Boolean.TRUE, config.getValue("quarkus.http.proxy.enable-forwarded-prefix", Boolean.class));
        // Build-time keys count too: the management interface exists and serves the 3.0.3 document.
        given().baseUri(managementBase()).queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).body("openapi", equalTo("3.0.3"));
    }

    @Test
    void describesItselfInOpenApi() {
        String title = ConfigProvider.getConfig().getValue("quarkus.smallrye-openapi.info-title", String.class);
        given().baseUri(managementBase()).queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("info.title", equalTo(title))
                .body("info.title", startsWith("Observatory "))
                .body("openapi", startsWith("3.0"));
    }

    @Test
    void documentsEveryOperationForClientGenerators() {
        Map<String, Object> document = given().baseUri(managementBase()).queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().jsonPath().getMap("$");
        List<String> defects = OpenApiConventions.defects(document);
        Assertions.assertEquals(List.of(), defects, () -> defects.size() + " defects:\n" + String.join("\n", defects));
    }

    @Test
    void answersUnknownPathsWithProblemJson() {
        given().when().get("/no/such/path")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("title", equalTo("Not Found"));
    }

    @Test
    void keepsHealthMetricsAndOpenApiOffTheMainPort() {
        for (String path : new String[] {"/q/metrics", "/q/health", "/q/health/ready", "/q/openapi", "/q/swagger-ui"}) {
            given().when().get(path).then().statusCode(404);
        }
    }

    @Test
    void tagsMetricsWithRouteTemplatesNeverPathValues() {
        given().when().get(pathWithValue(MARKER));
        given().auth().oauth2("not-a-token").when().get(pathWithValue(MARKER + "-bad-token"));
        given().when().post(pathWithValue(MARKER + "-anonymous-post"));
        given().when().get("/no/such/" + MARKER);
        given().baseUri(managementBase()).when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("http_server_requests_seconds_count"))
                .body(not(containsString(MARKER)));
    }

    @Test
    void refusesNulBytesInQueryParametersAndPaths() {
        given().urlEncodingEnabled(false).when().get(anonymousReadPath() + "?name=%00&country=%00&network=%00")
                .then().statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
        given().urlEncodingEnabled(false).when().get(pathWithValue("a%00b"))
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void answersAMissingTokenWithProblemJson() {
        given().contentType("application/json").body("{}").when().post(securedPostPath())
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("status", equalTo(401));
    }

    @Test
    void answersAWrongRoleWithProblemJson() {
        String token = OidcWiremockTestResource.getAccessToken("nobody", Set.of("no:such-role"));
        given().auth().oauth2(token).contentType("application/json").body("{}").when().post(securedPostPath())
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("status", equalTo(403));
    }

    @Test
    void refusesAnIdTokenAndATokenForAnotherAudience() {
        String idToken = OidcWiremockTestResource.getIdToken("nobody", Set.of("no:such-role"));
        given().auth().oauth2(idToken).contentType("application/json").body("{}").when().post(securedPostPath())
                .then().statusCode(401).contentType("application/problem+json");
        String elsewhere = OidcWiremockTestResource.generateJwtToken("nobody", Set.of("no:such-role"), "123456", "Bearer",
                Set.of("https://another-service.example"));
        given().auth().oauth2(elsewhere).contentType("application/json").body("{}").when().post(securedPostPath())
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void refusesABodyInAnEncodingItCannotRead() {
        given().header("Content-Encoding", "br").contentType("application/json").body("{}").when().post(securedPostPath())
                .then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void answersAnOverlongUriWith414ProblemJson() {
        // Past the 4096-character limit (service-commons), but within the request line Vert.x reads itself.
        given().when().get(anonymousReadPath() + "?padding=" + "a".repeat(6000))
                .then().statusCode(414)
                .contentType("application/problem+json")
                .body("status", equalTo(414))
                .body("title", equalTo("URI Too Long"));
        given().when().get(pathWithValue("b".repeat(9000)))
                .then().statusCode(414).contentType("application/problem+json");
        given().when().get(anonymousReadPath() + "?padding=" + "a".repeat(3000))
                .then().statusCode(not(equalTo(414)));
    }

    /** The management interface's base URL (its port is chosen at random in tests). */
    protected String managementBase() {
        return "http://" + management.getHost() + ":" + management.getPort();
    }
}
