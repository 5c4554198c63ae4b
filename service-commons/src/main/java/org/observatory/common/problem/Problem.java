package org.observatory.common.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.util.List;

/**
 * An RFC 9457 problem document: the body of every error answer.
 *
 * @param type     a URI naming the kind of problem ({@code about:blank} when the status says it all)
 * @param title    a short summary of the kind of problem
 * @param status   the HTTP status
 * @param detail   what went wrong with this request, for a person to read
 * @param instance the path of the request
 * @param errors   for validation problems, each field at fault
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(URI type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** The title of a problem that only its status describes: the status's reason phrase. */
    public static String titleFor(int status) {
        jakarta.ws.rs.core.Response.Status known = jakarta.ws.rs.core.Response.Status.fromStatusCode(status);
        return known != null ? known.getReasonPhrase() : "HTTP " + status;
    }

    /** One field of the request that failed validation. */
    public record FieldError(String field, String message) {
    }
}
