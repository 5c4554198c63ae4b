package org.observatory.gateway.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import jakarta.inject.Inject;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A bearer token checked once is taken again from the gateway's cache: the same answers, and only for that token. */
@QuarkusTest
class CachedTokenTest {

    @Inject
    VerifiedTokens verified;

    @Test
    void aTokenVerifiedOnceIsTakenAgainWithTheSameIdentity() {
        String token = OidcWiremockTestResource.getAccessToken("carol", Set.of("logs:write"));
        int before = verified.size();
        long hitsBefore = verified.hits();

        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(token).when().get("/whoami")
                    .then().statusCode(200).body("name", equalTo("carol")).body("roles", contains("logs:write"));
        }
        assertEquals(before + 1, verified.size(), "one entry for the token, whatever the number of requests");
        assertEquals(hitsBefore + 2, verified.hits(), "verified by OIDC once, then taken from the cache");
        // The role gate sees the cached identity's roles too: a write that needs another role is still refused.
        given().auth().oauth2(token).contentType("application/json").body("{}").when().post("/ixp/imports/peeringdb")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void aCopyOfAVerifiedTokenWithAnotherSignatureIsRefused() {
        String token = OidcWiremockTestResource.getAccessToken("dave", Set.of("logs:write"));
        given().auth().oauth2(token).when().get("/whoami").then().statusCode(200);

        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA" + token.substring(token.lastIndexOf('.') + 5);
        given().auth().oauth2(forged).when().get("/whoami")
                .then().statusCode(401).contentType("application/problem+json");
    }
}
