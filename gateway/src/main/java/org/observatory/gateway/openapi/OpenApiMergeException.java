package org.observatory.gateway.openapi;

/** The services' documents cannot be merged into one valid document: two operations share an id, two services a path. */
public class OpenApiMergeException extends RuntimeException {

    public OpenApiMergeException(String message) {
        super(message);
    }
}
