package org.observatory.common.problem;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.List;

/**
 * Gives the failures that never reach JAX-RS (a bad bearer token rejected by proactive authentication, a
 * body over the size limit, a route that failed with a bare status) the same problem+json body as
 * {@link ProblemMapper} gives the rest.
 */
@ApplicationScoped
public class ProblemFailureHandler {

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::handle);
    }

    private void handle(RoutingContext context) {
        if (context.response().headWritten()) {
            context.next();
            return;
        }
        Throwable failure = context.failure();
        int status;
        String detail;
        if (failure instanceof AuthenticationFailedException || failure instanceof UnauthorizedException) {
            status = 401;
            detail = "A valid bearer token is required.";
            context.response().putHeader("WWW-Authenticate", "Bearer");
        } else if (failure instanceof ForbiddenException) {
            status = 403;
            detail = "The token does not carry a role that allows this request.";
        } else if (failure == null && context.statusCode() >= 400) {
            status = context.statusCode();
            detail = status == 413 ? "The request body is larger than this service accepts." : null;
        } else {
            context.next();
            return;
        }
        Problem problem = new Problem(URI.create("about:blank"), Problem.titleFor(status), status, detail, context.request().path(), List.of());
        context.response().setStatusCode(status)
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end(Json.encode(problem));
    }
}
