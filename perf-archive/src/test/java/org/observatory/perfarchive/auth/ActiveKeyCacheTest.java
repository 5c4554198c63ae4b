package org.observatory.perfarchive.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ActiveKeyCacheTest {

    private long now = 1_000;
    private final ActiveKeyCache cache = new ActiveKeyCache(Duration.ofSeconds(30).toNanos(), 2, () -> now);

    @Test
    void aKeyFoundActiveIsTakenAsActiveUntilItsEntryExpires() {
        cache.put("h1", key(1));

        now += Duration.ofSeconds(29).toNanos();
        assertEquals(Optional.of(key(1)), cache.get("h1"));
        now += Duration.ofSeconds(1).toNanos();
        assertEquals(Optional.empty(), cache.get("h1"), "after 30 s the database is asked again");
    }

    @Test
    void aRevokedKeyLeavesAtOnce() {
        cache.put("h1", key(1));
        cache.put("h2", key(2));

        cache.evict(1);

        assertEquals(Optional.empty(), cache.get("h1"));
        assertEquals(Optional.of(key(2)), cache.get("h2"));
    }

    @Test
    void holdsAtMostItsSizeDroppingTheLeastRecentlyUsed() {
        cache.put("h1", key(1));
        cache.put("h2", key(2));
        cache.get("h1");
        cache.put("h3", key(3));

        assertEquals(Optional.of(key(1)), cache.get("h1"));
        assertEquals(Optional.empty(), cache.get("h2"));
        assertEquals(Optional.of(key(3)), cache.get("h3"));
    }

    @Test
    void aZeroTimeToLiveCachesNothing() {
        ActiveKeyCache off = new ActiveKeyCache(0, 1000, () -> now);
        off.put("h1", key(1));

        assertEquals(Optional.empty(), off.get("h1"));
    }

    private static ApiKey key(long id) {
        return new ApiKey(id, "agent-" + id, null, Set.of("measurements:write"), null, null);
    }
}
