package org.observatory.common.problem;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

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
        } else if (failure instanceof HttpException http && http.getStatusCode() >= 400) {
            status = http.getStatusCode();
            detail = detailFor(status);
        } else if (failure == null && context.statusCode() >= 400) {
            status = context.statusCode();
            detail = detailFor(status);
        } else {
            context.next();
            return;
        }
        ProblemResponses.send(context, status, null, detail);
    }

    private static String detailFor(int status) {
        return switch (status) {
            case 413 -> "The request body is larger than this service accepts.";
            case 414 -> "The request URI is longer than this service accepts.";
            case 431 -> "The request headers are larger than this service accepts.";
            default -> null;
        };
    }
}
