package org.observatory.logingest.stats;

import java.time.Instant;

/** A stored stream transfer as the statistics plugins see it (no address: only its keyed hash). */
public record StatsEvent(Instant logTime, String network, String station, String location, String channel,
                         long bytes, long packets, String protocol, String agent, String clientHash, String country) {
}
