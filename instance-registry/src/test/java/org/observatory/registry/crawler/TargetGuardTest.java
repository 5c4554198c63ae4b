package org.observatory.registry.crawler;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetGuardTest {

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void refusesEveryKindOfNonPublicAddress() throws Exception {
        TargetGuard guard = new TargetGuard(List.of());
        for (String address : List.of("127.0.0.1", "127.8.9.10", "::1", "10.0.0.1", "172.16.5.4", "192.168.0.1",
                "169.254.169.254", "fe80::1", "224.0.0.251", "ff02::1", "0.0.0.0", "::", "100.64.1.1", "fd12:3456::1",
                "::ffff:10.0.0.1", "::ffff:127.0.0.1", "198.18.0.1", "255.255.255.255", "64:ff9b::a00:1")) {
            CrawlFailure refusal = assertThrows(CrawlFailure.class, () -> guard.check(ip(address)), address);
            assertEquals(CrawlFailure.REFUSED_ADDRESS, refusal.reason());
        }
    }

    @Test
    void acceptsPublicAddresses() throws Exception {
        TargetGuard guard = new TargetGuard(List.of());
        for (String address : List.of("81.2.69.142", "89.160.20.112", "2001:218::1", "8.8.8.8")) {
            assertDoesNotThrow(() -> guard.check(ip(address)), address);
        }
    }

    @Test
    void allowsOnlyTheConfiguredNetworks() throws Exception {
        TargetGuard guard = new TargetGuard(List.of(CidrRange.parse("127.0.0.1/32")));
        assertDoesNotThrow(() -> guard.check(ip("127.0.0.1")));
        assertThrows(CrawlFailure.class, () -> guard.check(ip("127.0.0.2")));
        assertThrows(CrawlFailure.class, () -> guard.check(ip("10.0.0.1")));
    }

    @Test
    void refusesANameThatResolvesToLoopback() {
        CrawlFailure refusal = assertThrows(CrawlFailure.class, () -> new TargetGuard(List.of()).resolve("localhost"));
        assertEquals(CrawlFailure.REFUSED_ADDRESS, refusal.reason());
    }

    @Test
    void matchesNetworks() throws Exception {
        CidrRange network = CidrRange.parse("100.64.0.0/10");
        assertTrue(network.contains(ip("100.127.255.255")));
        assertFalse(network.contains(ip("100.128.0.0")));
        assertFalse(network.contains(ip("::1")));
        assertThrows(IllegalArgumentException.class, () -> CidrRange.parse("example.org/8"));
        assertThrows(IllegalArgumentException.class, () -> CidrRange.parse("10.0.0.0/33"));
    }
}
