package org.observatory.perfarchive.storage;

import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Where ps_value rows live, and what differs between plain PostgreSQL partitions and TimescaleDB hypertables
 * (log-ingest's StorageDialect is another contract: rollups and storage jobs).
 */
public interface ValueStorage {

    /** Makes sure rows for these keys have somewhere to go (a no-op where the database does it). */
    Uni<Void> ensurePartitions(Set<PartitionKey> keys);

    /** Frees the space of {@code eventType}'s rows older than {@code horizon}; answers what was dropped. */
    Uni<List<String>> dropBefore(String eventType, Instant horizon);

    /** Frees the space of every event type's rows older than {@code horizon}. */
    Uni<List<String>> dropAllBefore(Instant horizon);

    String name();
}
