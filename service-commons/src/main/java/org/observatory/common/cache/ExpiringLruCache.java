package org.observatory.common.cache;

import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * A bounded map whose entries each expire at a time given when they are put, on the clock given here: an
 * {@link LruCache} (beyond its size the least recently used entry goes) whose expired entries are dropped when next
 * asked for. Safe to call from an event loop.
 *
 * @param <K> the key
 * @param <V> the value
 */
public final class ExpiringLruCache<K, V> {

    private record Entry<V>(V value, long expiresAt) {
    }

    private final LongSupplier clock;
    private final LruCache<K, Entry<V>> entries;

    /** At most {@code maxEntries} entries (0 keeps none); expiry times are read on {@code clock}. */
    public ExpiringLruCache(int maxEntries, LongSupplier clock) {
        this.clock = clock;
        this.entries = new LruCache<>(maxEntries);
    }

    /** Now, on this cache's clock. */
    public long now() {
        return clock.getAsLong();
    }

    /** The value while its entry lasts. */
    public Optional<V> get(K key) {
        Entry<V> entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        // A difference, not a comparison: right for System.nanoTime() too.
        if (clock.getAsLong() - entry.expiresAt() >= 0) {
            entries.remove(key, entry);
            return Optional.empty();
        }
        return Optional.of(entry.value());
    }

    /** Keeps the value until {@code expiresAt} on this cache's clock; nothing when the cache has size 0. */
    public void put(K key, V value, long expiresAt) {
        entries.put(key, new Entry<>(value, expiresAt));
    }

    /** Drops every entry whose value matches. */
    public void removeIf(Predicate<V> which) {
        entries.removeIf(entry -> which.test(entry.value()));
    }

    public int size() {
        return entries.size();
    }
}
