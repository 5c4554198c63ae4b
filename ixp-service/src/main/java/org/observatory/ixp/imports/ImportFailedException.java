package org.observatory.ixp.imports;

/** An import ran and failed; the run (with its id) records why, and nothing of the month was stored. */
public class ImportFailedException extends RuntimeException {

    /** Why, for the HTTP status: the input was bad, there was nothing to import, or a source was down. */
    public enum Cause { BAD_INPUT, NOT_FOUND, SOURCE_UNAVAILABLE, INTERNAL }

    private final long runId;
    private final Cause cause;

    public ImportFailedException(long runId, Cause cause, String message) {
        super(message);
        this.runId = runId;
        this.cause = cause;
    }

    public long runId() {
        return runId;
    }

    public Cause failureCause() {
        return cause;
    }
}
