package org.observatory.perfarchive.data;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.observatory.common.problem.ProblemException;
import org.observatory.perfarchive.metadata.MetadataStore;

/**
 * The id and series of a metadata by key, for writers, kept after the first lookup so that a write costs no
 * lookup query. Safe without expiry: metadata and series are never deleted or changed (only their update
 * times, which writers do not read), and the one kind of series added later, the base series of an event type
 * the metadata never declared, is added by a writer that then calls {@link #reload}. Each replica keeps its
 * own; one that misses a series another replica added finds it missing, adds it (a no-op) and reloads.
 */
@ApplicationScoped
public class SeriesCache {

    /** Beyond this many metadata the cache starts over: a miss costs two small queries. */
    static final int MAX_METADATA = 20_000;

    private final Pool pool;
    private final MetadataStore metadata;
    private final Map<String, Target> byKey = new ConcurrentHashMap<>();

    public SeriesCache(Pool pool, MetadataStore metadata) {
        this.pool = pool;
        this.metadata = metadata;
    }

    /** Where the points of one metadata go. */
    record Target(long metadataId, SeriesIndex series) {
    }

    /** The metadata's id and series; a 404 problem when no metadata has this key. */
    Uni<Target> get(String key) {
        Target cached = byKey.get(key);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        return metadata.idOf(key)
                .map(id -> id.orElseThrow(() -> ProblemException.notFound("No metadata with key " + key)))
                .chain(id -> reload(key, id));
    }

    /** Adds the base series of these undeclared event types and answers the metadata's series, reloaded. */
    Uni<Target> addBaseSeries(String key, Target target, List<String> eventTypes) {
        return metadata.ensureBaseSeries(pool, target.metadataId(), eventTypes).chain(() -> reload(key, target.metadataId()));
    }

    private Uni<Target> reload(String key, long id) {
        return metadata.seriesOf(pool, id).map(series -> {
            Target target = new Target(id, new SeriesIndex(series));
            if (byKey.size() >= MAX_METADATA) {
                byKey.clear();
            }
            byKey.put(key, target);
            return target;
        });
    }
}
