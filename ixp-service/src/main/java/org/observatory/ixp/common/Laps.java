package org.observatory.ixp.common;

import java.util.LinkedHashMap;
import java.util.Map;

/** Milliseconds spent per named phase of a long job, for its report. Not thread-safe: one job, one sequence. */
public final class Laps {

    private final Map<String, Long> millis = new LinkedHashMap<>();
    private long last = System.nanoTime();

    /** Ends the current phase under {@code name}. */
    public void lap(String name) {
        long now = System.nanoTime();
        millis.merge(name, (now - last) / 1_000_000, Long::sum);
        last = now;
    }

    public Map<String, Long> ordered() {
        return new LinkedHashMap<>(millis);
    }
}
