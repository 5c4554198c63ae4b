package org.observatory.common.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RequestGuardTest {

    @Test
    void findsANulCharacterRawOrPercentEncodedAnywhereInTheTarget() {
        assertTrue(RequestGuard.containsNul("/ixp/ixps?name=%00"));
        assertTrue(RequestGuard.containsNul("/api/instance/a%00b"));
        assertTrue(RequestGuard.containsNul("/x?a=1&b=abc%00"));
        assertTrue(RequestGuard.containsNul("/x?a=\0"));
    }

    @Test
    void leavesOtherPercentEncodingsAlone() {
        assertFalse(RequestGuard.containsNul("/ixp/ixps?name=%2500"));
        assertFalse(RequestGuard.containsNul("/ixp/ixps?name=100%25&x=%0A%01"));
        assertFalse(RequestGuard.containsNul("/x?a=%0"));
    }
}
