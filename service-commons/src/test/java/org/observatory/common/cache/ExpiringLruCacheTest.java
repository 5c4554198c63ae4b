package org.observatory.common.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExpiringLruCacheTest {

    private long now = -5_000;  // negative, as System.nanoTime() may be
    private final ExpiringLruCache<String, Integer> cache = new ExpiringLruCache<>(2, () -> now);

    @Test
    void anEntryLastsUntilItsExpiryTime() {
        cache.put("a", 1, now + 100);

        now += 99;
        assertEquals(Optional.of(1), cache.get("a"));
        now += 1;
        assertEquals(Optional.empty(), cache.get("a"));
        assertEquals(0, cache.size(), "an expired entry is dropped when asked for");
    }

    @Test
    void beyondItsSizeTheLeastRecentlyUsedGoes() {
        cache.put("a", 1, now + 100);
        cache.put("b", 2, now + 100);
        cache.get("a");
        cache.put("c", 3, now + 100);

        assertEquals(Optional.of(1), cache.get("a"));
        assertEquals(Optional.empty(), cache.get("b"));
        assertEquals(Optional.of(3), cache.get("c"));
    }

    @Test
    void removesTheEntriesWhoseValueMatches() {
        cache.put("a", 1, now + 100);
        cache.put("b", 2, now + 100);

        cache.removeIf(value -> value == 1);

        assertEquals(Optional.empty(), cache.get("a"));
        assertEquals(Optional.of(2), cache.get("b"));
    }

    @Test
    void sizeZeroKeepsNothing() {
        ExpiringLruCache<String, Integer> none = new ExpiringLruCache<>(0, () -> now);
        none.put("a", 1, now + 100);

        assertEquals(Optional.empty(), none.get("a"));
    }
}
