package org.observatory.common.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class LruCacheTest {

    private final LruCache<String, Integer> cache = new LruCache<>(2);

    @Test
    void beyondItsSizeTheLeastRecentlyUsedGoes() {
        cache.put("a", 1);
        cache.put("b", 2);
        cache.get("a");
        cache.put("c", 3);

        assertEquals(1, cache.get("a"));
        assertNull(cache.get("b"));
        assertEquals(3, cache.get("c"));
        assertEquals(2, cache.size());
    }

    @Test
    void removesAnEntryOnlyWhileItHoldsTheValueGiven() {
        cache.put("a", 1);
        cache.put("a", 2);

        cache.remove("a", 1);
        assertEquals(2, cache.get("a"), "a newer value stays");
        cache.remove("a", 2);
        assertNull(cache.get("a"));
    }

    @Test
    void sizeZeroKeepsNothing() {
        LruCache<String, Integer> none = new LruCache<>(0);
        none.put("a", 1);

        assertNull(none.get("a"));
        assertEquals(0, none.size());
    }
}
