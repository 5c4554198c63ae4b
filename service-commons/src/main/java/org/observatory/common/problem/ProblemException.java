package org.observatory.common.problem;

import java.util.List;

/** Thrown by services for a request they refuse; leaves as problem+json with its status. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<Problem.FieldError> errors;
    private long retryAfterSeconds;

    public ProblemException(int status, String title, String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public ProblemException(int status, String title, String detail) {
        this(status, title, detail, List.of());
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "Bad Request", detail);
    }

    /** A 400 that names the one field at fault. */
    public static ProblemException invalidField(String field, String message) {
        return new ProblemException(400, "Invalid field", field + ": " + message,
                List.of(new Problem.FieldError(field, message)));
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "Not Found", detail);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail);
    }

    /** A 503 that tells the client when to try again ({@code Retry-After}, in seconds). */
    public static ProblemException unavailable(String detail, java.time.Duration retryAfter) {
        ProblemException e = new ProblemException(503, "Service Unavailable", detail);
        e.retryAfterSeconds = Math.max(1, retryAfter.toSeconds());
        return e;
    }

    /** Seconds for a {@code Retry-After} header, 0 for none. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
