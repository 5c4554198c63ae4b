package org.observatory.gateway.routing;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Replaces whatever forwarding headers a client sent with the gateway's own view of the request, so that a
 * backend can trust {@code X-Forwarded-*} from the gateway and from nobody else. The host and scheme it forwards
 * come from the configured public URL, never from the client's {@code Host}: services build absolute URLs from them.
 */
final class ForwardedHeaders implements ProxyInterceptor {

    // Every header some framework reads as the client's address, host or scheme.
    private static final List<String> CLIENT_HEADERS = List.of("Forwarded", "X-Forwarded-For", "X-Forwarded-Host",
            "X-Forwarded-Proto", "X-Forwarded-Port", "X-Forwarded-Prefix", "X-Forwarded-Server", "X-Forwarded-Ssl",
            "X-Forwarded-Scheme", "X-Forwarded-Protocol", "X-Url-Scheme", "Front-End-Https", "X-Real-IP",
            "X-Client-IP", "True-Client-IP", "X-Original-URL", "X-Rewrite-URL", "X-Original-Host");

    private final Optional<URI> publicUrl;

    ForwardedHeaders(Optional<URI> publicUrl) {
        this.publicUrl = publicUrl;
    }

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        HttpServerRequest original = context.request().proxiedRequest();
        MultiMap headers = context.request().headers();
        CLIENT_HEADERS.forEach(headers::remove);
        String client = original.remoteAddress() == null ? "unknown" : original.remoteAddress().hostAddress();
        // One family of headers only (the services read X-Forwarded-*): two that could disagree invite trouble.
        headers.set("X-Forwarded-For", client);
        if (publicUrl.isPresent()) {
            URI url = publicUrl.get();
            headers.set("X-Forwarded-Proto", url.getScheme());
            headers.set("X-Forwarded-Host", url.getPort() > 0 ? url.getHost() + ":" + url.getPort() : url.getHost());
        }
        // The backend sees its own address as Host, not whatever the client put there. (Not setAuthority(): the
        // proxy would then pass the client's Host on as X-Forwarded-Host.)
        headers.remove("Host");
        return context.sendRequest();
    }
}
