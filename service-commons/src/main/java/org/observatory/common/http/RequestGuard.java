package org.observatory.common.http;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.observatory.common.problem.ProblemResponses;

/**
 * Checks every request before any handler sees it: a URI longer than {@code observatory.http.max-uri-length} is a
 * problem+json 414 (Vert.x's own request-line limit is set higher, so that it rarely answers bare), a NUL byte in the path or query (PostgreSQL refuses NUL in
 * text, so it would surface as a 500) is a 400, an encoding of the body the service cannot read is a 415. It
 * also gives each request a neutral metrics route, so that a request no resource matched (a 401 at the door, a
 * 404, a 413) is never counted under its raw path; a matched resource replaces it with its route template.
 */
@ApplicationScoped
public class RequestGuard {

    /** The context-local key Quarkus' HTTP metrics read the route template from (RESTEasy Reactive sets it too). */
    public static final String METRICS_ROUTE_KEY = "UrlPathTemplate";
    /** The route every request is counted under until a resource or a gateway route names its own. */
    public static final String UNMATCHED_ROUTE = "/{unmatched}";

    private final List<String> contentEncodings;
    private final int maxUriLength;

    public RequestGuard(@ConfigProperty(name = "observatory.http.content-encodings", defaultValue = "identity") String encodings,
                        @ConfigProperty(name = "observatory.http.max-uri-length", defaultValue = "4096") int maxUriLength) {
        this.maxUriLength = maxUriLength;
        this.contentEncodings = Arrays.stream(encodings.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> s.toLowerCase(Locale.ROOT)).toList();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(this::check);
    }

    /** Names the route a request is counted under in the HTTP metrics: a template, never a path with values. */
    public static void metricsRoute(String template) {
        Context context = Vertx.currentContext();
        if (context != null) {
            context.putLocal(METRICS_ROUTE_KEY, template);
        }
    }

    private void check(RoutingContext context) {
        metricsRoute(UNMATCHED_ROUTE);
        String uri = context.request().uri();
        if (uri.length() > maxUriLength) {
            context.response().putHeader("Connection", "close");
            ProblemResponses.send(context, 414, "URI Too Long",
                    "The request URI is longer than the " + maxUriLength + " characters this service accepts.");
            return;
        }
        if (containsNul(uri)) {
            ProblemResponses.send(context, 400, "Bad Request", "The path or a query parameter contains a NUL character.");
            return;
        }
        String encoding = context.request().getHeader("Content-Encoding");
        if (encoding != null && !acceptable(encoding)) {
            ProblemResponses.send(context, 415, "Unsupported Media Type",
                    "Content-Encoding '" + encoding + "' is not supported here; send " + String.join(" or ", contentEncodings) + ".");
            return;
        }
        context.next();
    }

    private boolean acceptable(String header) {
        for (String coding : header.split(",")) {
            String name = coding.strip().toLowerCase(Locale.ROOT);
            if (!name.isEmpty() && !contentEncodings.contains(name)) {
                return false;
            }
        }
        return true;
    }

    /** A raw NUL, or one percent-encoded ({@code %00}) anywhere in the request target. */
    static boolean containsNul(String uri) {
        if (uri.indexOf('\0') >= 0) {
            return true;
        }
        for (int i = uri.indexOf('%'); i >= 0 && i + 2 < uri.length(); i = uri.indexOf('%', i + 1)) {
            if (uri.charAt(i + 1) == '0' && uri.charAt(i + 2) == '0') {
                return true;
            }
        }
        return false;
    }
}
