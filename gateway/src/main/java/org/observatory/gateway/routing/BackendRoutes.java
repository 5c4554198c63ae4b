package org.observatory.gateway.routing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.observatory.common.http.RequestGuard;
import org.observatory.common.problem.ProblemResponses;

/**
 * Puts a streaming reverse proxy in front of each backend's main port: its own path prefixes go to it unchanged.
 * Nothing reaches a backend's management interface through here. Bearer tokens were already checked by the
 * time a request gets here (Quarkus' proactive authentication).
 */
@ApplicationScoped
public class BackendRoutes {

    private static final Logger LOG = Logger.getLogger(BackendRoutes.class);

    void install(@Observes Router router, Vertx vertx, GatewayConfig config) {
        config.backends().forEach((name, backend) -> {
            OptionalLong limit = backend.maxBodySize().map(size -> OptionalLong.of(size.asLongValue())).orElse(OptionalLong.empty());
            EventLoopProxies proxies = new EventLoopProxies(() -> proxy(vertx, name, backend, limit, config));
            for (String prefix : backend.paths()) {
                // Metrics count proxied requests by the prefix they matched, never by their path (it can hold keys).
                String template = prefix + "/*";
                router.route(prefix).handler(rc -> forward(proxies.current(), limit, prefix, rc));
                router.route(prefix + "/*").handler(rc -> forward(proxies.current(), limit, template, rc));
            }
            LOG.infof("Routing %s to %s", backend.paths(), name);
        });
    }

    private static HttpProxy proxy(Vertx vertx, String name, GatewayConfig.Backend backend, OptionalLong limit,
                                   GatewayConfig config) {
        HttpClient client = vertx.createHttpClient(clientOptions(backend.url(), config));
        SocketAddress origin = SocketAddress.inetSocketAddress(port(backend.url()), backend.url().getHost());
        HttpProxy proxy = HttpProxy.reverseProxy(client)
                .origin(context -> context.client().request(new RequestOptions().setServer(origin))
                        // A backend request reset on purpose (a body over the limit, a client gone) is answered by the
                        // interceptors below; without a handler Vert.x logs every reset as an error.
                        .map(request -> request.exceptionHandler(failure -> LOG.debugf("Request to %s ended early: %s",
                                name, failure.getMessage()))))
                .addInterceptor(new ForwardedHeaders(config.publicUrl()))
                .addInterceptor(new FailureAsProblem(name));
        // Inside FailureAsProblem: a chunked body cut off at the limit is a 413, not a backend failure.
        limit.ifPresent(max -> proxy.addInterceptor(new StreamedBodyLimit(max)));
        return proxy;
    }

    private static void forward(HttpProxy proxy, OptionalLong limit, String template, RoutingContext rc) {
        RequestGuard.metricsRoute(template);
        if (limit.isPresent() && declaredLength(rc) > limit.getAsLong()) {
            rc.response().putHeader("Connection", "close");
            ProblemResponses.send(rc, 413, "Payload Too Large", "The request body is larger than this service accepts ("
                    + limit.getAsLong() + " bytes).");
            return;
        }
        proxy.handle(rc.request());
    }

    private static long declaredLength(RoutingContext rc) {
        String length = rc.request().getHeader("Content-Length");
        try {
            return length == null ? -1 : Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static HttpClientOptions clientOptions(URI url, GatewayConfig config) {
        return new HttpClientOptions()
                .setSsl("https".equals(url.getScheme()))
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setIdleTimeout((int) config.idleTimeout().toMillis())
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                .setKeepAlive(true)
                .setMaxPoolSize(config.connectionsPerEventLoop());
    }

    static int port(URI url) {
        if (url.getPort() > 0) {
            return url.getPort();
        }
        return "https".equals(url.getScheme()) ? 443 : 80;
    }

    /** A backend that cannot be reached or hangs up mid-request: a 502 problem, never an empty body. */
    private static final class FailureAsProblem implements ProxyInterceptor {

        private final String backend;

        FailureAsProblem(String backend) {
            this.backend = backend;
        }

        @Override
        public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
            return context.sendRequest().recover(failure -> {
                if (context.request().proxiedRequest().response().closed()) {
                    // The client hung up first and the backend request was reset with it: not the backend's failure.
                    LOG.debugf("Client left before %s answered %s", backend, context.request().getURI());
                } else {
                    LOG.warnf("%s did not answer %s: %s", backend, context.request().getURI(), failure.getMessage());
                }
                ProxyResponse response = ProxyProblems.response(context, 502, "Bad Gateway",
                        "The " + backend + " service did not answer.");
                return Future.succeededFuture(response);
            });
        }
    }
}
