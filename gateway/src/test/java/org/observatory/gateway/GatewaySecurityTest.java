package org.observatory.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.net.URL;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What an attacker tried at the gateway: metrics that leaked owner keys, /q reachable from outside, ID tokens
 * taken for access tokens, forwarded headers that broke requests, uploads over a limit answered 502.
 */
@QuarkusTest
class GatewaySecurityTest {

    private static final String OWNER_KEY = "5f1c1a7e-0wner-key-never-in-metrics";

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @TestHTTPResource("/")
    URL publicPort;

    @Test
    void tagsProxiedRequestsInMetricsByRoutePrefixNeverByPath() {
        given().when().get("/api/instance/" + OWNER_KEY).then().statusCode(201);
        given().auth().oauth2("not-a-token").contentType("application/json").body("{}")
                .when().patch("/api/instance/" + OWNER_KEY + "-401").then().statusCode(401);
        given().when().get("/nothing/" + OWNER_KEY + "-404").then().statusCode(404);
        given().contentType("application/json").body("x".repeat(1_100_000))
                .when().post("/api/instance/" + OWNER_KEY + "-413").then().statusCode(413);
        given().baseUri(base()).when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("uri=\"/api/instance/*\""))
                .body(not(containsString(OWNER_KEY)));
    }

    @Test
    void keepsQuarkusEndpointsOffThePublicPort() {
        for (String path : new String[] {"/q/metrics", "/q/health/ready", "/q/health", "/q/openapi", "/q/dev-ui", "/q/swagger-ui"}) {
            given().when().get(path).then().statusCode(404).contentType("application/problem+json");
        }
        given().baseUri(base()).when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void neverProxiesABackendsManagementEndpoints() {
        given().when().get("/services/perf-archive/health/ready").then().statusCode(404);
        given().when().get("/services/perf-archive/q/metrics").then().statusCode(404);
    }

    @Test
    void servesSwaggerUiAndTheMergedDocumentPublicly() {
        given().when().get("/swagger-ui/").then().statusCode(200).contentType(containsString("text/html"));
        given().when().get("/openapi").then().statusCode(200).body("info.title", equalTo("Observatory"));
        given().when().get("/openapi-gateway?format=json").then().statusCode(200).body("info.title", equalTo("Observatory gateway"));
    }

    @Test
    void refusesAnIdTokenAsABearerToken() {
        String idToken = OidcWiremockTestResource.getIdToken("alice", Set.of("ixp:admin"));
        given().auth().oauth2(idToken).when().get("/whoami")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void refusesAnAccessTokenForAnotherAudience() {
        String token = OidcWiremockTestResource.generateJwtToken("alice", Set.of("ixp:admin"), "123456", "Bearer",
                Set.of("https://another-service.example"));
        given().auth().oauth2(token).when().get("/whoami")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void answersAMissingTokenWithProblemJson() {
        given().when().get("/whoami").then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("status", equalTo(401));
    }

    @Test
    void forwardsRequestsThatCarryAForwardedHeader() {
        for (String forwarded : new String[] {"for=6.6.6.6", "for=\"[::1]\";host=evil.example;proto=https", "host=a:b:c",
                "for=unknown;by=_hidden, for=1.2.3.4", "garbage;;;==="}) {
            given().header("Forwarded", forwarded).when().get("/ixp/ixps")
                    .then().statusCode(201).body("uri", equalTo("/ixp/ixps"));
        }
    }

    @Test
    void answersBodiesOverTheServicesLimitWith413NeverAnEmpty502() {
        byte[] body = new byte[(int) EchoBackend.BODY_LIMIT + 200_000];
        for (int i = 0; i < 25; i++) {
            given().contentType("application/json").body(body).when().post("/api/instance/")
                    .then().statusCode(413)
                    .contentType("application/problem+json")
                    .body("status", equalTo(413));
        }
    }

    @Test
    void answersAChunkedBodyOverTheServicesLimitWith413NeverA502() throws Exception {
        // rest-assured sends a known length; Vert.x' client sends chunked, with no Content-Length to judge up front.
        io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
        // Each refused upload resets its backend request on purpose: that is not an error for the operator's log.
        java.util.logging.Logger clientLog = java.util.logging.Logger.getLogger("io.vertx.core.http.impl.HttpClientRequestImpl");
        java.util.List<String> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler errorsLogged = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                if (record.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()) {
                    errors.add(record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        clientLog.addHandler(errorsLogged);
        try {
            io.vertx.core.http.HttpClient client = vertx.createHttpClient();
            Buffer chunk = Buffer.buffer(new byte[64 * 1024]);
            long chunks = (EchoBackend.BODY_LIMIT + 200_000) / chunk.length() + 1;
            for (int i = 0; i < 20; i++) {
                io.vertx.core.http.HttpClientRequest request = await(client.request(io.vertx.core.http.HttpMethod.POST,
                        publicPort.getPort(), publicPort.getHost(), "/api/instance/"));
                request.setChunked(true).putHeader("Content-Type", "application/json");
                // The body is read in the response's own callback (read later, it may already have gone by).
                io.vertx.core.Future<JsonObject> answer = request.response().compose(response -> response.body()
                        .map(body -> new JsonObject().put("status", response.statusCode())
                                .put("type", response.getHeader("Content-Type")).put("body", body.toString())));
                for (long c = 0; c < chunks; c++) {
                    request.write(chunk);
                }
                request.end();
                JsonObject response = await(answer);
                int attempt = i;
                assertEquals(413, response.getInteger("status"), () -> "attempt " + attempt + ": " + response);
                assertEquals("application/problem+json", response.getString("type"), () -> "attempt " + attempt);
                JsonObject problem = new JsonObject(response.getString("body"));
                assertEquals(413, problem.getInteger("status"));
                assertEquals("Payload Too Large", problem.getString("title"));
            }
            assertEquals(java.util.List.of(), errors, "errors the gateway's HTTP client logged");
        } finally {
            clientLog.removeHandler(errorsLogged);
            await(vertx.close());
        }
    }

    private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(60, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Test
    void answersAnUnreachableBackendWithAProblemDocument() {
        given().when().get("/offline/things").then().statusCode(502)
                .contentType("application/problem+json")
                .body("status", equalTo(502))
                .body("detail", containsString("offline-service"));
    }

    @Test
    void answersAnOverlongUriWith414ProblemJsonBeforeAnyBackend() {
        for (String path : new String[] {"/ixp/ixps?padding=" + "a".repeat(6000), "/api/instance/" + "b".repeat(9000), "/whoami?x=" + "c".repeat(5000)}) {
            given().when().get(path).then().statusCode(414)
                    .contentType("application/problem+json")
                    .body("status", equalTo(414))
                    .body("title", equalTo("URI Too Long"));
        }
        given().when().get("/ixp/ixps?padding=" + "a".repeat(3000)).then().statusCode(201);
    }

    @Test
    void refusesNulBytesInTheRequestTarget() {
        given().urlEncodingEnabled(false).when().get("/ixp/ixps?name=%00").then().statusCode(400)
                .contentType("application/problem+json");
    }

    private String base() {
        return "http://" + management.getHost() + ":" + management.getPort();
    }
}
