package org.observatory.perfarchive.esmond;

import org.observatory.common.paging.PageRequest;
import org.observatory.perfarchive.common.Numerals;

/** esmond's limit and offset, written as query text. */
final class Paging {

    private Paging() {
    }

    static PageRequest page(String limit, String offset, int defaultLimit, int maxLimit) {
        return PageRequest.of(Numerals.wholeInt(limit, "limit", "must be a whole number"),
                Numerals.whole(offset, "offset", "must be a whole number"), defaultLimit, maxLimit);
    }
}
