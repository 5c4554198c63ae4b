package org.observatory.perfarchive.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Checks an esmond key against the hashed keys in the database. */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyAuthenticationRequest> {

    private final ApiKeyStore keys;
    private final ActiveKeyCache cache;

    public ApiKeyIdentityProvider(ApiKeyStore keys, ActiveKeyCache cache) {
        this.keys = keys;
        this.cache = cache;
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
        String hash = ApiKeys.hash(request.key());
        Optional<ApiKey> cached = cache.get(hash);
        Uni<Optional<ApiKey>> active = cached.isPresent() ? Uni.createFrom().item(cached)
                : keys.findActive(hash).invoke(found -> found.ifPresent(key -> cache.put(hash, key)));
        return active.map(found -> {
            ApiKey key = found.filter(k -> request.username() == null || k.username().equals(request.username()))
                    .orElseThrow(() -> new AuthenticationFailedException("unknown or revoked key"));
            return QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(key.username()))
                    .addRoles(key.roles())
                    .build();
        });
    }
}
