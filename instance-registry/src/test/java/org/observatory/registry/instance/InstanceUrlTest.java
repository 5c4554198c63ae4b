package org.observatory.registry.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InstanceUrlTest {

    private static InstanceUrl parse(String raw) {
        return InstanceUrl.parse(raw).orElseThrow();
    }

    @Test
    void cleansTheUrlTheCrawlerFetches() {
        assertEquals("https://www.example.org/indico", parse("HTTPS://WWW.Example.ORG.:443/indico/").url());
        assertEquals("http://example.org:8080", parse("http://example.org:8080/").url());
        assertEquals("https://example.org", parse("https://example.org/?x=1#top").url());
    }

    @Test
    void oneKeyForEverySpellingOfOneServer() {
        String key = parse("https://example.org/indico").key();
        for (String spelling : new String[] {"http://example.org/indico/", "https://www.example.org/indico",
                "HTTPS://EXAMPLE.ORG:443/indico", "http://Example.org.:80/indico//", "https://www.example.org./indico/"}) {
            assertEquals(key, parse(spelling).key(), spelling);
        }
    }

    @Test
    void keepsServersApart() {
        String key = parse("https://example.org/indico").key();
        assertTrue(!key.equals(parse("https://example.org/Indico").key()), "paths are case-sensitive");
        assertTrue(!key.equals(parse("https://example.org:8443/indico").key()), "a non-default port is another server");
        assertTrue(!key.equals(parse("https://events.example.org/indico").key()));
    }

    @Test
    void refusesWhatIsNotAnHttpUrl() {
        for (String bad : new String[] {"ftp://example.org", "javascript:alert(1)", "example.org", "/relative", "http://",
                "https://user:pass@example.org", "", "   ", "http://exa mple.org", "https://" + "a".repeat(2100) + ".org"}) {
            assertTrue(InstanceUrl.parse(bad).isEmpty(), bad);
        }
    }
}
