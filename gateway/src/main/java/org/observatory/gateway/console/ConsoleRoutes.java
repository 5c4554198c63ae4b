package org.observatory.gateway.console;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Serves the console, a single-page application under {@code /console/}: its files are static resources, and
 * every page path (no dot in its last segment) answers the same {@code index.html}, so that each page has a
 * URL that can be bookmarked and shared. {@code /console/config.json} tells the browser where to log in.
 */
@ApplicationScoped
public class ConsoleRoutes {

    static final String ROOT = "/console/";
    private static final String PAGE = "/console/([a-z0-9-]+(/[A-Za-z0-9._~%-]+)*)?/?";

    private final JsonObject browserConfig;
    private final String securityPolicy;

    public ConsoleRoutes(ConsoleConfig config, @ConfigProperty(name = "quarkus.oidc.auth-server-url") String issuer) {
        String browserIssuer = config.issuer().filter(s -> !s.isBlank()).orElse(issuer).replaceAll("/+$", "");
        this.browserConfig = new JsonObject().put("issuer", browserIssuer).put("clientId", config.clientId());
        this.securityPolicy = securityPolicy(browserIssuer);
    }

    void install(@Observes Router router) {
        // A plain route for "/console" would match "/console/" too (Vert.x ignores a trailing slash).
        router.getWithRegex("/console").handler(rc -> rc.redirect(ROOT));
        // Everything the console serves may reach only this origin and the issuer, and nothing frames it.
        router.get("/console/*").order(-10).handler(rc -> {
            rc.response().putHeader("Content-Security-Policy", securityPolicy)
                    .putHeader("X-Content-Type-Options", "nosniff")
                    .putHeader("Referrer-Policy", "same-origin");
            rc.next();
        });
        router.get("/console/config.json").handler(this::config);
        router.getWithRegex(PAGE).handler(ConsoleRoutes::page);
    }

    private void config(RoutingContext rc) {
        rc.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
                .end(browserConfig.encode());
    }

    private static void page(RoutingContext rc) {
        String path = rc.normalizedPath();
        String last = path.substring(path.lastIndexOf('/', path.length() - 2) + 1);
        if (last.contains(".") && !path.endsWith("/")) {
            rc.next();
            return;
        }
        rc.reroute("/console/index.html");
    }

    static String securityPolicy(String issuer) {
        String origin = origin(issuer);
        return "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                + "connect-src 'self' " + origin + "; form-action 'self' " + origin + "; frame-ancestors 'none'; "
                + "base-uri 'self'; object-src 'none'";
    }

    private static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }
}
