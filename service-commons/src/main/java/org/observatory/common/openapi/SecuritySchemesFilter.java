package org.observatory.common.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.security.OAuthFlow;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Declares the credentials the suite accepts in the form generators and Swagger UI use: {@value #OAUTH2}
 * (client-credentials and authorization-code flows at the configured Keycloak issuer) and {@value #BEARER}
 * (a JWT from that issuer). Every operation that needs a credential (Quarkus marks those with
 * {@code @RolesAllowed} / {@code @Authenticated}) accepts either; other schemes an operation names itself
 * (esmond's {@code Authorization: Token} key) stay as further alternatives. Runs again at start-up so that the
 * served document names the deployed issuer; the stored one names the build's.
 */
@OpenApiFilter(stages = {OpenApiFilter.RunStage.BUILD, OpenApiFilter.RunStage.RUNTIME_STARTUP})
public class SecuritySchemesFilter implements OASFilter {

    /** OAuth 2.0 at the suite's Keycloak realm. */
    public static final String OAUTH2 = "oauth2";
    /** A bearer JWT obtained from that realm by any means. */
    public static final String BEARER = "bearer";
    /** The scheme Quarkus generated before ({@code openIdConnect}, which generators cannot use). */
    private static final List<String> REPLACED = List.of("oidc", "SecurityScheme");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        REPLACED.forEach(openAPI.getComponents()::removeSecurityScheme);
        openAPI.getComponents().addSecurityScheme(OAUTH2, oauth2(issuer()));
        openAPI.getComponents().addSecurityScheme(BEARER, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                .description("An access token (JWT) issued by the suite's Keycloak realm, sent as Authorization: Bearer <token>."));
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            for (Operation operation : item.getOperations().values()) {
                alternatives(operation);
            }
        }
    }

    /** Any credential requirement becomes: oauth2, or bearer, or one of the operation's other schemes. */
    private static void alternatives(Operation operation) {
        List<SecurityRequirement> declared = operation.getSecurity();
        if (declared == null || declared.isEmpty()) {
            return;
        }
        List<SecurityRequirement> result = new ArrayList<>();
        result.add(OASFactory.createSecurityRequirement().addScheme(OAUTH2));
        result.add(OASFactory.createSecurityRequirement().addScheme(BEARER));
        for (SecurityRequirement requirement : declared) {
            Map<String, List<String>> schemes = requirement.getSchemes();
            if (schemes == null || schemes.isEmpty()) {
                continue;
            }
            boolean ours = schemes.keySet().stream().allMatch(n -> n.equals(OAUTH2) || n.equals(BEARER) || REPLACED.contains(n));
            if (!ours) {
                result.add(requirement);
            }
        }
        operation.setSecurity(result);
    }

    private static SecurityScheme oauth2(String issuer) {
        String token = issuer + "/protocol/openid-connect/token";
        String authorization = issuer + "/protocol/openid-connect/auth";
        OAuthFlow clientCredentials = OASFactory.createOAuthFlow().tokenUrl(token).scopes(Map.of());
        OAuthFlow authorizationCode = OASFactory.createOAuthFlow().authorizationUrl(authorization).tokenUrl(token)
                .refreshUrl(token).scopes(Map.of());
        return OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.OAUTH2)
                .description("OAuth 2.0 at the suite's Keycloak realm: client credentials for agents and services, "
                        + "authorization code (with PKCE) for people. Roles travel in the token.")
                .flows(OASFactory.createOAuthFlows().clientCredentials(clientCredentials).authorizationCode(authorizationCode));
    }

    /** The OIDC issuer without its trailing slash: service-commons' shared configuration always defines it. */
    static String issuer() {
        return ConfigProvider.getConfig().getValue("quarkus.oidc.auth-server-url", String.class).replaceAll("/+$", "");
    }
}
