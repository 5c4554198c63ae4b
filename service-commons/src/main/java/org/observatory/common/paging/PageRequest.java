package org.observatory.common.paging;

import org.observatory.common.problem.ProblemException;

/**
 * A checked {@code limit}/{@code offset} pair: a client asks for a page, the service decides how large
 * a page may be.
 */
public record PageRequest(int limit, long offset) {

    /** The largest offset served. */
    public static final long MAX_OFFSET = 1_000_000_000L;

    /**
     * @param limit        the client's limit, or null for the default
     * @param offset       the client's offset, or null for 0
     * @param defaultLimit the page size when the client names none
     * @param maxLimit     the largest page the service serves
     * @throws ProblemException 400 for a negative offset or a limit outside 1..maxLimit
     */
    public static PageRequest of(Integer limit, Long offset, int defaultLimit, int maxLimit) {
        int size = limit == null ? defaultLimit : limit;
        long start = offset == null ? 0 : offset;
        if (size < 1 || size > maxLimit) {
            throw ProblemException.invalidField("limit", "must be between 1 and " + maxLimit);
        }
        if (start < 0) {
            throw ProblemException.invalidField("offset", "must not be negative");
        }
        // Repositories page with int offsets (and nobody pages two billion rows in): bound it before it overflows.
        if (start > MAX_OFFSET) {
            throw ProblemException.invalidField("offset", "must be at most " + MAX_OFFSET);
        }
        return new PageRequest(size, start);
    }
}
