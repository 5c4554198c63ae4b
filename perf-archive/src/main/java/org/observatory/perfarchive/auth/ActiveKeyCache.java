package org.observatory.perfarchive.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.observatory.perfarchive.PerfConfig;

/**
 * Active keys by hash, for a short time: an agent sends its key with every run, and each check was a query. Bounded
 * (least recently used out). A key revoked here leaves at once; one revoked through another replica still works
 * here until its entry expires ({@code perf.api-keys.cache-ttl}). Unknown keys are never cached, so a key created
 * through another replica works at once and a flood of wrong keys cannot push out the good ones.
 */
@ApplicationScoped
public class ActiveKeyCache {

    private record Entry(ApiKey key, long expiresAt) {
    }

    private final long ttlNanos;
    private final int maxEntries;
    private final LongSupplier nanoClock;
    private final Map<String, Entry> byHash;

    @Inject
    public ActiveKeyCache(PerfConfig config) {
        this(config.apiKeys().cacheTtl().toNanos(), config.apiKeys().cacheSize(), System::nanoTime);
    }

    ActiveKeyCache(long ttlNanos, int maxEntries, LongSupplier nanoClock) {
        this.ttlNanos = ttlNanos;
        this.maxEntries = maxEntries;
        this.nanoClock = nanoClock;
        this.byHash = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > ActiveKeyCache.this.maxEntries;
            }
        };
    }

    public synchronized Optional<ApiKey> get(String hash) {
        Entry entry = byHash.get(hash);
        if (entry == null) {
            return Optional.empty();
        }
        if (nanoClock.getAsLong() - entry.expiresAt() >= 0) {
            byHash.remove(hash);
            return Optional.empty();
        }
        return Optional.of(entry.key());
    }

    public synchronized void put(String hash, ApiKey key) {
        if (ttlNanos > 0 && maxEntries > 0) {
            byHash.put(hash, new Entry(key, nanoClock.getAsLong() + ttlNanos));
        }
    }

    /** Drops the key with this id: revoked here, it must stop working here at once. */
    public synchronized void evict(long id) {
        byHash.values().removeIf(entry -> entry.key().id() == id);
    }
}
