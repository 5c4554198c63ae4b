package org.observatory.gateway.routing;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.HttpProxy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Puts a streaming reverse proxy in front of each backend: its own path prefixes go to it unchanged, and
 * {@code /services/<name>/health/{live,ready}} and {@code /services/<name>/openapi} reach its Quarkus endpoints.
 * Bearer tokens were already checked by the time a request gets here (Quarkus' proactive authentication).
 */
@ApplicationScoped
public class BackendRoutes {

    private static final Logger LOG = Logger.getLogger(BackendRoutes.class);

    void install(@Observes Router router, Vertx vertx, GatewayConfig config) {
        config.backends().forEach((name, backend) -> {
            HttpClient client = vertx.createHttpClient(clientOptions(backend.url(), config));
            HttpProxy proxy = proxy(client, backend.url());
            for (String prefix : backend.paths()) {
                router.route(prefix).handler(rc -> forward(proxy, rc));
                router.route(prefix + "/*").handler(rc -> forward(proxy, rc));
            }
            String services = "/services/" + name;
            router.route(services + "/health/*").handler(rc -> forward(
                    proxy(client, backend.url()).addInterceptor(new PathRewrite(services + "/health", "/q/health")), rc));
            router.route(services + "/openapi").handler(rc -> forward(
                    proxy(client, backend.url()).addInterceptor(new PathRewrite(services + "/openapi", "/q/openapi")), rc));
            LOG.infof("Routing %s and %s/* to %s at %s", backend.paths(), services, name, backend.url());
        });
    }

    private static HttpProxy proxy(HttpClient client, URI url) {
        return HttpProxy.reverseProxy(client).origin(port(url), url.getHost()).addInterceptor(new ForwardedHeaders());
    }

    private static void forward(HttpProxy proxy, RoutingContext rc) {
        proxy.handle(rc.request());
    }

    private static HttpClientOptions clientOptions(URI url, GatewayConfig config) {
        return new HttpClientOptions()
                .setSsl("https".equals(url.getScheme()))
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setIdleTimeout((int) config.idleTimeout().toMillis())
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                .setKeepAlive(true)
                .setMaxPoolSize(64);
    }

    static int port(URI url) {
        if (url.getPort() > 0) {
            return url.getPort();
        }
        return "https".equals(url.getScheme()) ? 443 : 80;
    }
}
