package org.observatory.common.cache;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A bounded map: beyond its size the least recently used entry goes. One lock; each operation is a few map steps,
 * so it is safe to call from an event loop.
 *
 * @param <K> the key
 * @param <V> the value
 */
public final class LruCache<K, V> {

    private final int maxEntries;
    private final Map<K, V> entries;

    /** At most {@code maxEntries} entries (0 keeps none). */
    public LruCache(int maxEntries) {
        this.maxEntries = maxEntries;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > LruCache.this.maxEntries;
            }
        };
    }

    /** The value, or null; a hit makes the entry the most recently used. */
    public synchronized V get(K key) {
        return entries.get(key);
    }

    /** Keeps the value; nothing when the cache has size 0. */
    public synchronized void put(K key, V value) {
        if (maxEntries > 0) {
            entries.put(key, value);
        }
    }

    /** Drops the entry if it still holds {@code value} (another thread may have put a new one meanwhile). */
    public synchronized void remove(K key, V value) {
        entries.remove(key, value);
    }

    /** Drops every entry whose value matches. */
    public synchronized void removeIf(Predicate<V> which) {
        entries.values().removeIf(which);
    }

    public synchronized int size() {
        return entries.size();
    }
}
