package org.observatory.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * A minimal OpenID Connect issuer on 127.0.0.1 for benchmarks and tests that run a service as a separate
 * process: it serves discovery and a JWKS with a fresh RSA key, and signs bearer tokens carrying roles in the
 * {@code groups} claim. A service pointed at {@link #url()} verifies these tokens exactly as it verifies
 * Keycloak's.
 */
public final class LocalIssuer implements AutoCloseable {

    /** The audience the services expect by default ({@code OIDC_AUDIENCE}). */
    public static final String AUDIENCE = "observatory";

    private final HttpServer server;
    private final RsaJsonWebKey key;
    private final String url;

    private LocalIssuer(HttpServer server, RsaJsonWebKey key) {
        this.server = server;
        this.key = key;
        this.url = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public static LocalIssuer start() {
        try {
            RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId(UUID.randomUUID().toString());
            key.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
            key.setUse("sig");
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            LocalIssuer issuer = new LocalIssuer(server, key);
            server.createContext("/.well-known/openid-configuration", exchange -> issuer.send(exchange, issuer.discovery()));
            server.createContext("/jwks", exchange -> issuer.send(exchange, new JsonWebKeySet(key).toJson()));
            server.start();
            return issuer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The issuer URL: set it as the service's {@code OIDC_ISSUER} ({@code quarkus.oidc.auth-server-url}). */
    public String url() {
        return url;
    }

    /** A signed access token for {@code subject} with {@code roles}, valid for an hour. */
    public String token(String subject, Collection<String> roles) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(url);
        claims.setSubject(subject);
        claims.setClaim("preferred_username", subject);
        claims.setClaim("groups", List.copyOf(roles));
        // Shaped like a Keycloak access token for the suite: the services refuse other audiences and ID tokens.
        claims.setAudience(AUDIENCE);
        claims.setClaim("typ", "Bearer");
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(60);
        claims.setGeneratedJwtId();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private String discovery() {
        return "{\"issuer\":\"" + url + "\",\"jwks_uri\":\"" + url + "/jwks\","
                + "\"token_endpoint\":\"" + url + "/token\",\"id_token_signing_alg_values_supported\":[\"RS256\"]}";
    }

    private void send(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
