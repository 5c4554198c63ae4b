package org.observatory.common.problem;

import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.List;

/** Ends a Vert.x request with a problem+json body, for answers given before JAX-RS is reached. */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    public static void send(RoutingContext context, int status, String title, String detail) {
        Problem problem = new Problem(URI.create("about:blank"), title == null ? Problem.titleFor(status) : title, status,
                detail, context.request().path(), List.of());
        context.response().setStatusCode(status)
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end(Json.encode(problem));
    }
}
