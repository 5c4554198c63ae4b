package org.observatory.perfarchive.auth;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import io.quarkus.security.AuthenticationFailedException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;

/**
 * esmond's write credentials: {@code Authorization: Token <key>} (esmond and pScheduler) and the older
 * {@code Authorization: ApiKey <user>:<key>}, and {@code Authorization: Basic} whose password is a key (pScheduler's
 * http archiver). Other schemes (Bearer) are left to the OIDC mechanism.
 */
@ApplicationScoped
public class ApiKeyAuthenticationMechanism implements HttpAuthenticationMechanism {

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String header = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            return Uni.createFrom().nullItem();
        }
        String trimmed = header.trim();
        int space = trimmed.indexOf(' ');
        if (space < 0) {
            return Uni.createFrom().nullItem();
        }
        String scheme = trimmed.substring(0, space).toLowerCase(Locale.ROOT);
        String credential = trimmed.substring(space + 1).trim();
        if (scheme.equals("token")) {
            return identities.authenticate(new ApiKeyAuthenticationRequest(null, credential));
        }
        if (scheme.equals("basic")) {
            // pScheduler's http archiver (perfSONAR 5): Basic with an esmond key as the password; the user is free.
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(credential), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return Uni.createFrom().failure(new AuthenticationFailedException("malformed Basic credential"));
            }
            int colon = decoded.indexOf(':');
            return identities.authenticate(new ApiKeyAuthenticationRequest(null, colon < 0 ? decoded : decoded.substring(colon + 1)));
        }
        if (scheme.equals("apikey")) {
            int colon = credential.indexOf(':');
            return colon < 0
                    ? identities.authenticate(new ApiKeyAuthenticationRequest(null, credential))
                    : identities.authenticate(new ApiKeyAuthenticationRequest(credential.substring(0, colon),
                            credential.substring(colon + 1)));
        }
        return Uni.createFrom().nullItem();
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Token"));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiKeyAuthenticationRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, "token"));
    }
}
