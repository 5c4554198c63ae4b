package org.observatory.ixp.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DelegatedFileParserTest {

    private static final String FILE = """
            2.3|arin|1700000000|3|19830101|20240101|-0500
            arin|*|asn|*|3|summary
            arin|*|ipv4|*|1|summary
            arin|US|asn|701|3|19900803|assigned|7a1c
            arin||asn|1000|2||available|
            arin|US|asn|2000|1|20300101|assigned|future
            arin|CA|asn|3000|1|20000101|reserved|r
            arin|US|ipv4|8.8.8.0|256|19920101|allocated|x
            arin|ZZ|asn|4000|1|20000101|allocated|y
            """;

    @Test
    void expandsAsnLinesAndSkipsOtherLines() {
        Map<Long, AsnRegistration> out = new HashMap<>();
        int lines = DelegatedFileParser.parse(FILE, LocalDate.of(2024, 1, 1), out);

        assertEquals(4, lines);
        assertEquals(Set.of(701L, 702L, 703L, 1000L, 1001L, 3000L, 4000L), out.keySet());
        AsnRegistration att = out.get(702L);
        assertEquals("US", att.country());
        assertEquals("assigned", att.status());
        assertEquals(LocalDate.of(1990, 8, 3), att.date());
        assertTrue(att.isAssigned());
        assertFalse(out.get(1000L).isAssigned());
        assertNull(out.get(1000L).country());
        assertEquals("reserved", out.get(3000L).status());
        assertNull(out.get(4000L).country());
    }

    @Test
    void leavesOutRegistrationsAfterTheAsOfDate() {
        Map<Long, AsnRegistration> out = new HashMap<>();
        DelegatedFileParser.parse(FILE, LocalDate.of(2031, 1, 1), out);
        assertTrue(out.containsKey(2000L));
    }

    @Test
    void readsAsnListsAndCustomerLinks() {
        assertEquals(Set.of(1L, 2L, 3L), DelegatedFileParser.parseAsnList("# routed\nAS1\n2 extra\nas3,x\nheader\n"));
        assertEquals(List.of(new CustomerLink(10, 20)), DelegatedFileParser.parseCustomerLinks("# c\n10|20|-1\n10|30|0\n"));
    }
}
