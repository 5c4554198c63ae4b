package org.observatory.ixp.peeringdb;

/** The input is not a PeeringDB dump or response at all (truncated, not JSON, wrong shape): nothing of it is used. */
public class MalformedDumpException extends RuntimeException {

    public MalformedDumpException(String message, Throwable cause) {
        super(message, cause);
    }

    public MalformedDumpException(String message) {
        super(message);
    }
}
