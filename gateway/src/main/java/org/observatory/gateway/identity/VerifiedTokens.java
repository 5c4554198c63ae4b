package org.observatory.gateway.identity;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.observatory.common.cache.ExpiringLruCache;
import org.observatory.gateway.routing.GatewayConfig;

/**
 * Bearer tokens the OIDC extension has verified, for a short time: an agent sends the same token with every request
 * until it expires, and checking its signature again each time was most of the gateway's cost on an authenticated
 * request. An entry holds what the verification found (principal, roles, credentials), never the request it came
 * with, and lasts until the token expires or {@code gateway.token-cache.max-age} has passed, whichever is first.
 * Only exactly the same token string matches. Bounded, least recently used out; a size of 0 turns it off.
 */
@ApplicationScoped
public class VerifiedTokens implements SecurityIdentityAugmentor {

    private final long maxAgeMillis;
    private final int maxEntries;
    private final ExpiringLruCache<String, SecurityIdentity> byToken;
    private final LongAdder hits = new LongAdder();

    @Inject
    public VerifiedTokens(GatewayConfig config) {
        this(config.tokenCache().maxAge().toMillis(), config.tokenCache().size(), System::currentTimeMillis);
    }

    VerifiedTokens(long maxAgeMillis, int maxEntries, LongSupplier clock) {
        this.maxAgeMillis = maxAgeMillis;
        this.maxEntries = maxEntries;
        this.byToken = new ExpiringLruCache<>(maxEntries, clock);
    }

    /** Runs after the OIDC extension verified a token (it never sees a cached one): remembers what it found. */
    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        AccessTokenCredential token = identity.getCredential(AccessTokenCredential.class);
        if (maxEntries > 0 && token != null && identity.getPrincipal() instanceof JsonWebToken jwt
                && jwt.getExpirationTime() > 0) {
            long expires = Math.min(jwt.getExpirationTime() * 1000, byToken.now() + maxAgeMillis);
            byToken.put(token.getToken(), withoutRequest(identity), expires);
        }
        return Uni.createFrom().item(identity);
    }

    /** The identity a token was verified as, while its entry lasts, tied to this request. */
    Optional<SecurityIdentity> verified(String token, RoutingContext request) {
        return byToken.get(token).map(verified -> {
            hits.increment();
            return QuarkusSecurityIdentity.builder(verified).addAttribute(RoutingContext.class.getName(), request).build();
        });
    }

    /** Requests answered from the cache, since start. */
    long hits() {
        return hits.sum();
    }

    int size() {
        return byToken.size();
    }

    /** What verification found, without the objects of the request it was found in. */
    private static SecurityIdentity withoutRequest(SecurityIdentity identity) {
        QuarkusSecurityIdentity.Builder kept = QuarkusSecurityIdentity.builder()
                .setPrincipal(identity.getPrincipal())
                .addRoles(identity.getRoles())
                .addCredentials(identity.getCredentials())
                .addPermissionChecker(identity::checkPermission);
        identity.getAttributes().forEach((name, value) -> {
            if (!(value instanceof RoutingContext) && !AuthenticationRequestContext.class.getName().equals(name)) {
                kept.addAttribute(name, value);
            }
        });
        return kept.build();
    }
}
