package org.observatory.gateway.routing;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyResponse;
import java.net.URI;
import java.util.List;
import org.observatory.common.problem.Problem;

/** The proxy's own answers as problem+json, in place of a backend's (the proxy's twin of ProblemResponses). */
final class ProxyProblems {

    private ProxyProblems() {
    }

    static ProxyResponse response(ProxyContext context, int status, String title, String detail) {
        Problem problem = new Problem(URI.create("about:blank"), title, status, detail,
                context.request().proxiedRequest().path(), List.of());
        return context.request().response().setStatusCode(status)
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .setBody(Body.body(Buffer.buffer(Json.encode(problem))));
    }
}
