package org.observatory.common.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.observatory.common.problem.ProblemException;

class PageRequestTest {

    @Test
    void usesDefaultsWhenClientNamesNothing() {
        assertEquals(new PageRequest(100, 0), PageRequest.of(null, null, 100, 1000));
    }

    @Test
    void keepsALimitWithinBounds() {
        assertEquals(new PageRequest(1000, 20), PageRequest.of(1000, 20L, 100, 1000));
    }

    @Test
    void refusesLimitAboveTheMaximumWithA400NamingTheField() {
        ProblemException e = assertThrows(ProblemException.class, () -> PageRequest.of(1001, 0L, 100, 1000));
        assertEquals(400, e.status());
        assertEquals("limit", e.errors().get(0).field());
    }

    @Test
    void refusesZeroLimitAndNegativeOffset() {
        assertThrows(ProblemException.class, () -> PageRequest.of(0, 0L, 100, 1000));
        ProblemException e = assertThrows(ProblemException.class, () -> PageRequest.of(10, -1L, 100, 1000));
        assertEquals("offset", e.errors().get(0).field());
    }
}
