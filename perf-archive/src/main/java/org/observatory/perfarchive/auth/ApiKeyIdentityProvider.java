package org.observatory.perfarchive.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Checks an esmond key against the hashed keys in the database. */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyAuthenticationRequest> {

    private final ApiKeyStore keys;

    public ApiKeyIdentityProvider(ApiKeyStore keys) {
        this.keys = keys;
    }

    @Override
    public Class<ApiKeyAuthenticationRequest> getRequestType() {
        return ApiKeyAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyAuthenticationRequest request, AuthenticationRequestContext context) {
        if (request.key() == null || request.key().isBlank()) {
            return Uni.createFrom().failure(new AuthenticationFailedException("empty key"));
        }
        return keys.findActive(ApiKeys.hash(request.key())).map(found -> {
            ApiKey key = found.filter(k -> request.username() == null || k.username().equals(request.username()))
                    .orElseThrow(() -> new AuthenticationFailedException("unknown or revoked key"));
            return QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(key.username()))
                    .addRoles(key.roles())
                    .build();
        });
    }
}
