package org.observatory.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URI;
import java.util.List;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.Test;

class LocalPostgresTest {

    @Test
    void startsAClusterThatAcceptsConnectionsAndRemovesItOnClose() throws Exception {
        int port;
        try (LocalPostgres postgres = LocalPostgres.start("probe")) {
            port = postgres.port();
            try (Socket socket = new Socket("127.0.0.1", port)) {
                assertTrue(socket.isConnected());
            }
            assertEquals("jdbc:postgresql://127.0.0.1:" + port + "/probe", postgres.jdbcUrl("probe"));
        }
        boolean refused;
        try (Socket socket = new Socket("127.0.0.1", port)) {
            refused = false;
        } catch (java.io.IOException e) {
            refused = true;
        }
        assertTrue(refused, "the cluster still listens after close");
    }

    @Test
    void issuerSignsTokensThatVerifyAgainstItsPublishedKeys() throws Exception {
        try (LocalIssuer issuer = LocalIssuer.start()) {
            String token = issuer.token("agent", List.of("logs:write"));
            String jwks = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(issuer.url() + "/jwks")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            JwtClaims claims = new JwtConsumerBuilder()
                    .setExpectedIssuer(issuer.url())
                    .setExpectedAudience(LocalIssuer.AUDIENCE)
                    .setVerificationKeyResolver(new JwksVerificationKeyResolver(new JsonWebKeySet(jwks).getJsonWebKeys()))
                    .build().processToClaims(token);
            assertEquals("agent", claims.getSubject());
            assertEquals(List.of("logs:write"), claims.getStringListClaimValue("groups"));
            assertEquals("Bearer", claims.getStringClaimValue("typ"));
            assertFalse(token.isBlank());
        }
    }
}
