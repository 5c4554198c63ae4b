package org.observatory.common.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.observatory.common.db.PgErrors;

/**
 * The one exception mapper of a service: every error leaves as {@code application/problem+json}.
 * A 500 is logged with its stack trace and answered without internals.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    /** How long a client should wait before trying again while the database is away. */
    static final String RETRY_AFTER_SECONDS = "5";

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Problem problem = new Problem(URI.create("about:blank"), e.title(), e.status(), e.getMessage(), path(uri), e.errors());
        Response.ResponseBuilder answer = Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
        if (e.retryAfterSeconds() > 0) {
            answer.header("Retry-After", Long.toString(e.retryAfterSeconds()));
        }
        return answer.build();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("Request failed", e);
        }
        String title = Problem.titleFor(status);
        String detail = status >= 500 ? "The server could not complete the request." : e.getMessage();
        Response.ResponseBuilder answer = Response.fromResponse(e.getResponse()).entity(
                new Problem(URI.create("about:blank"), title, status, detail, path(uri), List.of()));
        return answer.type(Problem.MEDIA_TYPE).build();
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(leafName(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
        return respond(new Problem(URI.create("about:blank"), "Invalid request", 400, detail, path(uri), errors));
    }

    /** Wins over Quarkus' own mapper of this exception, which answers without a problem body. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        String field = e instanceof JsonMappingException m ? fieldPath(m) : "";
        String detail = "The body is not valid JSON for this request: " + e.getOriginalMessage();
        List<Problem.FieldError> errors = field.isEmpty() ? List.of() : List.of(new Problem.FieldError(field, e.getOriginalMessage()));
        return respond(new Problem(URI.create("about:blank"), "Malformed JSON", 400, detail, path(uri), errors));
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(new Problem(URI.create("about:blank"), "Forbidden", 403,
                "The token does not carry a role that allows this request.", path(uri), List.of()));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        if (PgErrors.isBadValue(e)) {
            return respond(new Problem(URI.create("about:blank"), "Bad Request", 400,
                    "A value of the request cannot be stored (for example a NUL character).", path(uri), List.of()));
        }
        if (PgErrors.isUnavailable(e)) {
            LOG.warnf("Database unavailable: %s", e.getMessage());
            return Response.fromResponse(respond(new Problem(URI.create("about:blank"), "Service Unavailable", 503,
                    "The database is not available right now; try again shortly.", path(uri), List.of())))
                    .header("Retry-After", RETRY_AFTER_SECONDS).build();
        }
        LOG.error("Unexpected failure", e);
        return respond(new Problem(URI.create("about:blank"), "Internal Server Error", 500,
                "The server could not complete the request.", path(uri), List.of()));
    }

    private static Response unauthenticated(UriInfo uri) {
        return Response.fromResponse(respond(new Problem(URI.create("about:blank"), "Unauthorized", 401,
                "A valid bearer token is required.", path(uri), List.of()))).header("WWW-Authenticate", "Bearer").build();
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getRequestUri().getRawPath();
    }

    /** The bean path of a violation without its method and parameter nodes: {@code email}, {@code contact.name}. */
    private static String leafName(ConstraintViolation<?> violation) {
        String parameter = "";
        StringBuilder field = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            switch (node.getKind()) {
                case METHOD, CONSTRUCTOR, RETURN_VALUE, CROSS_PARAMETER -> { }
                case PARAMETER -> parameter = node.getName();
                default -> field.append(field.isEmpty() ? "" : ".").append(node.getName());
            }
        }
        return field.isEmpty() ? parameter : field.toString();
    }

    private static String fieldPath(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }
}
