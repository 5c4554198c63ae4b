package org.observatory.perfarchive.data;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The second in which this replica last set (at the latest) each series' update time, so that a write in the same second sends
 * no touch for it at all (readers see whole seconds). Bounded: beyond {@link #MAX_SERIES} it starts over, which
 * costs one touch per series.
 */
final class SeriesTouches {

    static final int MAX_SERIES = 100_000;

    private final Map<Long, Long> lastSecond = new ConcurrentHashMap<>();

    /** The series whose update time this second has not been set yet (by this replica). */
    Set<Long> due(Collection<Long> series, long now) {
        Set<Long> due = new HashSet<>();
        for (Long id : series) {
            Long last = lastSecond.get(id);
            if (last == null || last < now) {
                due.add(id);
            }
        }
        return due;
    }

    /** After the commit that set them: the second of the update time these series have now, at the latest. */
    void done(Set<Long> series, long second) {
        if (series.isEmpty()) {
            return;
        }
        if (lastSecond.size() > MAX_SERIES) {
            lastSecond.clear();
        }
        for (Long id : series) {
            lastSecond.put(id, second);
        }
    }
}
