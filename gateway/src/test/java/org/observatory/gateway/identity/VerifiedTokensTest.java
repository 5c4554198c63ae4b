package org.observatory.gateway.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import java.lang.reflect.Proxy;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

    private static final long MINUTE = 60_000;

    private long now = 1_700_000_000_000L;
    private final VerifiedTokens tokens = new VerifiedTokens(MINUTE, 2, () -> now);

    @Test
    void aTokenIsTakenAsVerifiedUntilItExpires() {
        remember("t1", "alice", now / 1000 + 30);

        now += 29_999;
        assertEquals("alice", tokens.verified("t1", request()).orElseThrow().getPrincipal().getName());
        now += 1;
        assertTrue(tokens.verified("t1", request()).isEmpty(), "expired: verified again (and refused) by OIDC");
    }

    @Test
    void aLongLivedTokenIsVerifiedAgainAfterTheMaximumAge() {
        remember("t1", "alice", now / 1000 + 3600);

        now += MINUTE - 1;
        assertTrue(tokens.verified("t1", request()).isPresent());
        now += 1;
        assertTrue(tokens.verified("t1", request()).isEmpty());
    }

    @Test
    void theIdentityKeepsItsRolesAndCarriesTheRequestItIsUsedFor() {
        RoutingContext first = request();
        remember("t1", "alice", now / 1000 + 300, first);
        RoutingContext second = request();

        SecurityIdentity again = tokens.verified("t1", second).orElseThrow();

        assertEquals(Set.of("logs:write"), again.getRoles());
        assertSame(second, again.getAttribute(RoutingContext.class.getName()));
        assertNull(again.getAttribute(AuthenticationRequestContext.class.getName()));
    }

    @Test
    void onlyTokensAndAtMostItsSizeAreKept() {
        tokens.augment(QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal("basic-user")).build(), null);
        assertEquals(0, tokens.size(), "no bearer token, nothing to remember");

        remember("t1", "a", now / 1000 + 300);
        remember("t2", "b", now / 1000 + 300);
        tokens.verified("t1", request());
        remember("t3", "c", now / 1000 + 300);

        assertEquals(2, tokens.size());
        assertTrue(tokens.verified("t1", request()).isPresent());
        assertTrue(tokens.verified("t2", request()).isEmpty(), "least recently used out");
    }

    @Test
    void sizeZeroRemembersNothing() {
        VerifiedTokens off = new VerifiedTokens(MINUTE, 0, () -> now);
        off.augment(identity("t1", "alice", now / 1000 + 300, request()), null);

        assertTrue(off.verified("t1", request()).isEmpty());
    }

    private void remember(String token, String name, long expiresAtSeconds) {
        remember(token, name, expiresAtSeconds, request());
    }

    private void remember(String token, String name, long expiresAtSeconds, RoutingContext request) {
        tokens.augment(identity(token, name, expiresAtSeconds, request), null);
    }

    private static SecurityIdentity identity(String token, String name, long expiresAtSeconds, RoutingContext request) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(jwt(name, expiresAtSeconds))
                .addRole("logs:write")
                .addCredential(new AccessTokenCredential(token))
                .addAttribute(RoutingContext.class.getName(), request)
                .addAttribute(AuthenticationRequestContext.class.getName(), new Object())
                .build();
    }

    private static JsonWebToken jwt(String name, long expiresAtSeconds) {
        return new JsonWebToken() {
            @Override
            public String getName() {
                return name;
            }

            @Override
            public Set<String> getClaimNames() {
                return Set.of("exp");
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String claimName) {
                return "exp".equals(claimName) ? (T) Long.valueOf(expiresAtSeconds) : null;
            }
        };
    }

    private static RoutingContext request() {
        return (RoutingContext) Proxy.newProxyInstance(VerifiedTokensTest.class.getClassLoader(),
                new Class<?>[] {RoutingContext.class}, (proxy, method, args) -> null);
    }
}
