package org.observatory.gateway.access;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.observatory.common.problem.ProblemResponses;

/**
 * Enforces the route table at the door: a write or admin call without the role its route needs is refused with a
 * problem+json before any service sees it. Runs after Quarkus' proactive authentication (so a bad token is
 * already a 401) and before the proxy routes. esmond's own keys ({@code Authorization: Token ...}) are handed to
 * the service on the routes whose rule takes them, and dropped everywhere else, so a key never reaches a service
 * that does not own it.
 */
@ApplicationScoped
public class RoleGate {

    /** After authentication (order -200) and Quarkus' HTTP permissions (-100), before every route. */
    static final int ORDER = -50;

    private final RouteTable table;

    public RoleGate(RouteTable table) {
        this.table = table;
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::check);
    }

    private void check(RoutingContext rc) {
        String path = RouteTable.canonical(rc.normalizedPath());
        List<RouteRule> rules = table.matching(rc.request().method().name(), path);
        String authorization = rc.request().getHeader(HttpHeaders.AUTHORIZATION);
        String scheme = schemeOf(authorization);
        boolean legacy = scheme != null && !scheme.equalsIgnoreCase("Bearer");
        if (rules.isEmpty()) {
            if (legacy) {
                rc.request().headers().remove(HttpHeaders.AUTHORIZATION);
            }
            rc.next();
            return;
        }
        if (legacy) {
            if (rules.stream().allMatch(rule -> rule.takesLegacy(scheme))) {
                rc.next();
            } else {
                unauthorized(rc, "This route takes a bearer token, not '" + scheme + "' credentials.");
            }
            return;
        }
        identity(rc).subscribe().with(identity -> {
            if (identity == null || identity.isAnonymous()) {
                unauthorized(rc, "A bearer token with the role " + rules.get(0).role() + " is required.");
                return;
            }
            for (RouteRule rule : rules) {
                if (!identity.hasRole(rule.role())) {
                    problem(rc, 403, "The token does not carry the role " + rule.role() + " that this request needs.");
                    return;
                }
            }
            rc.next();
        }, rc::fail);
    }

    private static Uni<SecurityIdentity> identity(RoutingContext rc) {
        if (rc.user() instanceof QuarkusHttpUser user) {
            return Uni.createFrom().item(user.getSecurityIdentity());
        }
        Uni<SecurityIdentity> deferred = rc.get(QuarkusHttpUser.DEFERRED_IDENTITY_KEY);
        return deferred != null ? deferred : Uni.createFrom().nullItem();
    }

    private static String schemeOf(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return null;
        }
        String trimmed = authorization.trim();
        int space = trimmed.indexOf(' ');
        return space < 0 ? trimmed : trimmed.substring(0, space);
    }

    private static void unauthorized(RoutingContext rc, String detail) {
        rc.response().putHeader("WWW-Authenticate", "Bearer");
        problem(rc, 401, detail);
    }

    private static void problem(RoutingContext rc, int status, String detail) {
        ProblemResponses.send(rc, status, null, detail);
    }
}
