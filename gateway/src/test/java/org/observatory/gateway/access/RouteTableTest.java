package org.observatory.gateway.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RouteTableTest {

    private final RouteTable table = new RouteTable(true, List.of(
            RouteRule.of("esmond-writes", List.of("POST", "PUT"), "/esmond/**", "measurements:write", List.of("Token", "ApiKey")),
            RouteRule.of("txlog", List.of("post"), "/logs/txlog", "logs:write", List.of()),
            RouteRule.of("rebuild", List.of("POST"), "/stats/*/rebuild", "logs:admin", List.of()),
            RouteRule.of("perf-admin", List.of("*"), "/perf/keys/**", "measurements:admin", List.of())));

    private String roleOf(String method, String path) {
        List<RouteRule> rules = table.matching(method, RouteTable.canonical(path));
        return rules.isEmpty() ? null : rules.get(0).role();
    }

    @Test
    void aTrailingDoubleStarCoversThePathAndEverythingBelowIt() {
        assertEquals("measurements:write", roleOf("PUT", "/esmond/perfsonar/archive/abc/"));
        assertEquals("measurements:write", roleOf("POST", "/esmond"));
        assertEquals("measurements:admin", roleOf("GET", "/perf/keys"));
        assertEquals("measurements:admin", roleOf("DELETE", "/perf/keys/12"));
        assertEquals(null, roleOf("GET", "/perf/keysmith"));
    }

    @Test
    void aSingleStarIsOneSegment() {
        assertEquals("logs:admin", roleOf("POST", "/stats/ringserver/rebuild"));
        assertEquals(null, roleOf("POST", "/stats/a/b/rebuild"));
    }

    @Test
    void readsMatchNoWriteRule() {
        assertEquals(null, roleOf("GET", "/esmond/perfsonar/archive/"));
        assertEquals(null, roleOf("GET", "/logs/txlog"));
    }

    @Test
    void slashesDotsAndMatrixParametersDoNotSlipPastARule() {
        assertEquals("logs:write", roleOf("POST", "/logs/txlog/"));
        assertEquals("logs:write", roleOf("POST", "/logs//txlog"));
        assertEquals("logs:write", roleOf("POST", "/logs/txlog;jsessionid=1"));
        assertEquals("logs:write", roleOf("POST", "/logs;x=1/txlog"));
    }

    @Test
    void legacySchemesAreThoseOfTheRuleInAnyCase() {
        RouteRule esmond = table.matching("POST", "/esmond/x").get(0);
        assertTrue(esmond.takesLegacy("token"));
        assertTrue(esmond.takesLegacy("ApiKey"));
        assertFalse(esmond.takesLegacy("Basic"));
        assertFalse(table.matching("POST", "/logs/txlog").get(0).takesLegacy("Token"));
    }

    @Test
    void aDisabledTableMatchesNothing() {
        assertTrue(new RouteTable(false, List.of(RouteRule.of("x", List.of("*"), "/**", "r", List.of())))
                .matching("POST", "/anything").isEmpty());
    }
}
