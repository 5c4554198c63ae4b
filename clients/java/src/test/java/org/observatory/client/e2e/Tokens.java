package org.observatory.client.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Access tokens for the end-to-end test, by raw HTTP (the only raw HTTP the test does): real ones from the
 * suite's Keycloak, and bad ones made from a real one (signed by another key; expired, signed by the realm's key).
 */
final class Tokens {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final String issuer;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    Tokens(String issuer) {
        this.issuer = issuer.replaceAll("/+$", "");
    }

    /** A client-credentials token (what a measurement agent does). */
    String clientCredentials(String clientId, String secret) {
        return token(Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
    }

    /** A password-grant token for a person through the public web client (the local admin user). */
    String password(String user, String password) {
        return token(Map.of("grant_type", "password", "client_id", "observatory-web", "username", user,
                "password", password, "scope", "openid"));
    }

    private String token(Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(issuer + "/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("token endpoint answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body()).path("access_token").asText();
        } catch (Exception e) {
            throw new IllegalStateException("no token from " + issuer, e);
        }
    }

    /** The same token as {@code real}, signed by a key the issuer never had. */
    static String signedByAnotherKey(String real) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String[] parts = real.split("\\.");
        return sign(parts[0], parts[1], generator.generateKeyPair().getPrivate());
    }

    /**
     * The same claims as {@code real} but expired an hour ago, signed by the realm's own key (the local realm's
     * key is known to the tests: see local/keycloak/observatory-realm.json), so only its expiry is wrong.
     */
    static String expired(String real, Path realmFile) throws Exception {
        String[] parts = real.split("\\.");
        ObjectNode claims = (ObjectNode) JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        long now = Instant.now().getEpochSecond();
        claims.put("iat", now - 7200).put("exp", now - 3600);
        return sign(parts[0], B64.encodeToString(JSON.writeValueAsBytes(claims)), realmKey(realmFile));
    }

    /** Whether {@code real} was signed by the key in the realm file (false: the realm was imported before that key). */
    static boolean signedByRealmKey(String real, Path realmFile) throws Exception {
        String[] parts = real.split("\\.");
        return sign(parts[0], parts[1], realmKey(realmFile)).equals(real);
    }

    private static String sign(String header, String payload, PrivateKey key) throws Exception {
        String signingInput = header + "." + payload;
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key);
        signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + B64.encodeToString(signature.sign());
    }

    private static PrivateKey realmKey(Path realmFile) throws Exception {
        JsonNode realm = JSON.readTree(Files.readAllBytes(realmFile));
        for (JsonNode provider : realm.path("components").path("org.keycloak.keys.KeyProvider")) {
            if (provider.path("providerId").asText().equals("rsa")) {
                byte[] der = Base64.getDecoder().decode(provider.path("config").path("privateKey").get(0).asText());
                return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
            }
        }
        throw new IllegalStateException("no rsa key provider in " + realmFile);
    }
}
