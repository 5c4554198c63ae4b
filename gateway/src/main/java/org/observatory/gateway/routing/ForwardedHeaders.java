package org.observatory.gateway.routing;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import java.util.List;

/**
 * Replaces whatever forwarding headers a client sent with the gateway's own view of the request, so that a
 * backend can trust {@code X-Forwarded-*} from the gateway and from nobody else.
 */
final class ForwardedHeaders implements ProxyInterceptor {

    private static final List<String> CLIENT_HEADERS = List.of("Forwarded", "X-Forwarded-For", "X-Forwarded-Host",
            "X-Forwarded-Proto", "X-Forwarded-Port", "X-Forwarded-Prefix", "X-Forwarded-Server", "X-Real-IP");

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        HttpServerRequest original = context.request().proxiedRequest();
        MultiMap headers = context.request().headers();
        CLIENT_HEADERS.forEach(headers::remove);
        String client = original.remoteAddress() == null ? "unknown" : original.remoteAddress().hostAddress();
        String host = original.authority() == null ? null : original.authority().toString();
        String proto = original.scheme() == null ? "http" : original.scheme();
        headers.set("X-Forwarded-For", client);
        headers.set("X-Forwarded-Proto", proto);
        if (host != null) {
            headers.set("X-Forwarded-Host", host);
        }
        headers.set("Forwarded", "for=" + quoteIfV6(client) + ";proto=" + proto + (host == null ? "" : ";host=" + host));
        return context.sendRequest();
    }

    private static String quoteIfV6(String address) {
        return address.indexOf(':') >= 0 ? "\"[" + address + "]\"" : address;
    }
}
