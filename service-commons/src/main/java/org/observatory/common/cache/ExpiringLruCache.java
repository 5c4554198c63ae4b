package org.observatory.common.cache;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * A bounded map whose entries each expire at a time given when they are put, on the clock given here: beyond its
 * size the least recently used entry goes, and an expired one is dropped when it is next asked for. One lock; each
 * operation is a few map steps, so it is safe to call from an event loop.
 *
 * @param <K> the key
 * @param <V> the value
 */
public final class ExpiringLruCache<K, V> {

    private record Entry<V>(V value, long expiresAt) {
    }

    private final int maxEntries;
    private final LongSupplier clock;
    private final Map<K, Entry<V>> entries;

    /** At most {@code maxEntries} entries (0 keeps none); expiry times are read on {@code clock}. */
    public ExpiringLruCache(int maxEntries, LongSupplier clock) {
        this.maxEntries = maxEntries;
        this.clock = clock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Entry<V>> eldest) {
                return size() > ExpiringLruCache.this.maxEntries;
            }
        };
    }

    /** Now, on this cache's clock. */
    public long now() {
        return clock.getAsLong();
    }

    /** The value while its entry lasts. */
    public synchronized Optional<V> get(K key) {
        Entry<V> entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        // A difference, not a comparison: right for System.nanoTime() too.
        if (clock.getAsLong() - entry.expiresAt() >= 0) {
            entries.remove(key);
            return Optional.empty();
        }
        return Optional.of(entry.value());
    }

    /** Keeps the value until {@code expiresAt} on this cache's clock; nothing when the cache has size 0. */
    public synchronized void put(K key, V value, long expiresAt) {
        if (maxEntries > 0) {
            entries.put(key, new Entry<>(value, expiresAt));
        }
    }

    /** Drops every entry whose value matches. */
    public synchronized void removeIf(Predicate<V> which) {
        entries.values().removeIf(entry -> which.test(entry.value()));
    }

    public synchronized int size() {
        return entries.size();
    }
}
