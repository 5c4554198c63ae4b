package org.observatory.perfarchive.storage;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.observatory.common.db.TimescaleDetection;

/** The value storage of this database, chosen once: TimescaleDB when its extension is installed ({@code perf.retention.dialect}). */
@ApplicationScoped
public class Storage {

    private final Uni<ValueStorage> dialect;

    public Storage(Pool pool, RetentionConfig config) {
        this.dialect = TimescaleDetection.choose(pool, config.dialect(),
                () -> new TimescaleStorage(pool), () -> new PartitionedStorage(pool));
    }

    public Uni<ValueStorage> dialect() {
        return dialect;
    }
}
