package org.observatory.perfarchive.ingest;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.observatory.common.problem.Problem;
import org.observatory.perfarchive.esmond.ArchivePaths;

/**
 * Sees every answer to a write (metadata POST, bulk PUT, point POST, pScheduler run) and lists those >= 400,
 * including the 401 and 413 that never reach a resource. The endpoint is named from the route, never the path.
 */
@ApplicationScoped
public class RefusedWriteObserver {

    static final String DETAIL = "perf.ingest.detail";
    static final String TITLE = "perf.ingest.title";
    /** Set by a resource that knows what the write was about (a run's uuid). */
    public static final String SUBJECT = "perf.ingest.subject";

    private static final Pattern METADATA = Pattern.compile(Pattern.quote(ArchivePaths.ROOT) + "/?");
    private static final Pattern BULK = Pattern.compile(Pattern.quote(ArchivePaths.ROOT) + "/([^/]+)/?");
    private static final Pattern POINT = Pattern.compile(Pattern.quote(ArchivePaths.ROOT) + "/([^/]+)/[^/]+/base/?");
    private static final Pattern RUNS = Pattern.compile("/perf/pscheduler/runs/?");

    private final IngestFailureStore failures;
    private final CurrentVertxRequest current;

    public RefusedWriteObserver(IngestFailureStore failures, CurrentVertxRequest current) {
        this.failures = failures;
        this.current = current;
    }

    void install(@Observes Router router) {
        // First of all routes, so that answers given before the resource (401, 413) are seen too.
        router.route().order(Integer.MIN_VALUE).handler(rc -> {
            HttpMethod method = rc.request().method();
            if (method == HttpMethod.POST || method == HttpMethod.PUT) {
                // Before the answer leaves: a listing asked for after it sees this write.
                rc.addHeadersEndHandler(done -> observe(rc));
            }
            rc.next();
        });
    }

    /** Keeps what a refused answer said, for the list. */
    @ServerResponseFilter
    public void remember(ContainerResponseContext response) {
        if (response.getStatus() >= 400 && response.getEntity() instanceof Problem problem) {
            RoutingContext rc = current.getCurrent();
            if (rc != null) {
                rc.put(DETAIL, problem.detail());
                rc.put(TITLE, problem.title());
            }
        }
    }

    private void observe(RoutingContext rc) {
        int status = rc.response().getStatusCode();
        if (status < 400) {
            return;
        }
        String path = rc.normalizedPath();
        HttpMethod method = rc.request().method();
        String endpoint;
        String subject = rc.get(SUBJECT);
        Matcher m;
        if (RUNS.matcher(path).matches()) {
            endpoint = "pscheduler-run";
        } else if (method == HttpMethod.POST && METADATA.matcher(path).matches()) {
            endpoint = "metadata";
        } else if (method == HttpMethod.PUT && (m = BULK.matcher(path)).matches()) {
            endpoint = "bulk";
            subject = m.group(1);
        } else if (method == HttpMethod.POST && (m = POINT.matcher(path)).matches()) {
            endpoint = "point";
            subject = m.group(1);
        } else {
            return;
        }
        String detail = rc.get(DETAIL);
        failures.record(endpoint, status, reason(status, rc.get(TITLE)), agent(rc), subject,
                detail != null ? detail : rc.response().getStatusMessage()).subscribe().with(x -> { }, e -> { });
    }

    private static String reason(int status, String title) {
        return switch (status) {
            case 400 -> "Malformed JSON".equals(title) ? "malformed-json" : "invalid";
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "unknown-metadata";
            case 409 -> "already-stored";
            case 413 -> "too-large";
            case 415 -> "unsupported-media-type";
            default -> status >= 500 ? "server-error" : "refused";
        };
    }

    /** Who wrote: the key's user or token's subject, with the pScheduler observer when it said; else the address. */
    private static String agent(RoutingContext rc) {
        String who = rc.user() instanceof QuarkusHttpUser user && !user.getSecurityIdentity().isAnonymous()
                ? user.getSecurityIdentity().getPrincipal().getName()
                : rc.request().remoteAddress() == null ? null : rc.request().remoteAddress().hostAddress();
        String observer = rc.request().getHeader("x-ps-observer");
        return observer == null ? who : who + " (observer " + observer + ")";
    }
}
