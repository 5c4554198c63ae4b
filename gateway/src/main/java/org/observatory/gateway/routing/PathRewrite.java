package org.observatory.gateway.routing;

import io.vertx.core.Future;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;

/** Sends a gateway path to another path on the backend: {@code /services/perf-archive/health/ready} to {@code /q/health/ready}. */
final class PathRewrite implements ProxyInterceptor {

    private final String from;
    private final String to;

    PathRewrite(String from, String to) {
        this.from = from;
        this.to = to;
    }

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        String uri = context.request().getURI();
        if (uri.startsWith(from)) {
            context.request().setURI(to + uri.substring(from.length()));
        }
        return context.sendRequest();
    }
}
