package org.observatory.gateway.openapi;

/**
 * What the suite's document says about itself, apart from the services' operations: the same values whether the
 * gateway merges live documents or the build merges stored ones.
 *
 * @param title            {@code info.title}
 * @param version          {@code info.version}
 * @param description      {@code info.description}
 * @param publicUrl        the gateway's public URL, the document's one server
 * @param tokenUrl         the issuer's token endpoint (client-credentials and authorization-code flows)
 * @param authorizationUrl the issuer's authorization endpoint (authorization-code flow)
 */
public record SuiteDocumentSettings(String title, String version, String description, String publicUrl,
        String tokenUrl, String authorizationUrl) {

    /** Keycloak's endpoints under an issuer URL, the suite's usual issuer. */
    public static SuiteDocumentSettings forIssuer(String title, String version, String description, String publicUrl,
            String issuer) {
        String base = issuer.replaceAll("/+$", "") + "/protocol/openid-connect";
        return new SuiteDocumentSettings(title, version, description, publicUrl, base + "/token", base + "/auth");
    }

    /** The same settings with another description (for example naming services that are down). */
    public SuiteDocumentSettings withDescription(String other) {
        return new SuiteDocumentSettings(title, version, other, publicUrl, tokenUrl, authorizationUrl);
    }
}
