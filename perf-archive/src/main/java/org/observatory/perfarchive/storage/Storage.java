package org.observatory.perfarchive.storage;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** The storage dialect of this database, detected once: TimescaleDB when its extension is installed. */
@ApplicationScoped
public class Storage {

    private static final Logger LOG = Logger.getLogger(Storage.class);

    private final Uni<StorageDialect> dialect;

    public Storage(Pool pool, RetentionConfig config) {
        this.dialect = detect(pool, config.dialect()).memoize().indefinitely();
    }

    public Uni<StorageDialect> dialect() {
        return dialect;
    }

    private static Uni<StorageDialect> detect(Pool pool, String configured) {
        if ("partitioned".equals(configured)) {
            return Uni.createFrom().item(new PartitionedStorage(pool));
        }
        if ("timescaledb".equals(configured)) {
            return Uni.createFrom().item(new TimescaleStorage(pool));
        }
        // Same test as migration V2, so that the dialect always matches the tables it created.
        return pool.query("SELECT count(*) FROM pg_extension WHERE extname = 'timescaledb'").execute()
                .map(rows -> {
                    boolean timescale = rows.iterator().next().getLong(0) > 0;
                    StorageDialect chosen = timescale ? new TimescaleStorage(pool) : new PartitionedStorage(pool);
                    LOG.infof("perf-archive storage dialect: %s", chosen.name());
                    return chosen;
                });
    }
}
