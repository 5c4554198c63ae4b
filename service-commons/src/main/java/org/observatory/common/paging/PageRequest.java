package org.observatory.common.paging;

import org.observatory.common.problem.ProblemException;

/**
 * A checked {@code limit}/{@code offset} pair: a client asks for a page, the service decides how large
 * a page may be.
 */
public record PageRequest(int limit, long offset) {

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
        return new PageRequest(size, start);
    }
}
