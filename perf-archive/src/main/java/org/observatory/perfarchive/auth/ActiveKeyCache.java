package org.observatory.perfarchive.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.observatory.common.cache.ExpiringLruCache;
import org.observatory.perfarchive.PerfConfig;

/**
 * Active keys by hash, for a short time: an agent sends its key with every run, and each check was a query. Bounded
 * (least recently used out). A key revoked here leaves at once; one revoked through another replica still works
 * here until its entry expires ({@code perf.api-keys.cache-ttl}). Unknown keys are never cached, so a key created
 * through another replica works at once and a flood of wrong keys cannot push out the good ones.
 */
@ApplicationScoped
public class ActiveKeyCache {

    private final long ttlNanos;
    private final ExpiringLruCache<String, ApiKey> byHash;

    @Inject
    public ActiveKeyCache(PerfConfig config) {
        this(config.apiKeys().cacheTtl().toNanos(), config.apiKeys().cacheSize(), System::nanoTime);
    }

    ActiveKeyCache(long ttlNanos, int maxEntries, LongSupplier nanoClock) {
        this.ttlNanos = ttlNanos;
        this.byHash = new ExpiringLruCache<>(maxEntries, nanoClock);
    }

    public Optional<ApiKey> get(String hash) {
        return byHash.get(hash);
    }

    public void put(String hash, ApiKey key) {
        if (ttlNanos > 0) {
            byHash.put(hash, key, byHash.now() + ttlNanos);
        }
    }

    /** Drops the key with this id: revoked here, it must stop working here at once. */
    public void evict(long id) {
        byHash.removeIf(key -> key.id() == id);
    }
}
