package org.observatory.perfarchive.storage;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.observatory.common.db.TimescaleDetection;
import org.observatory.perfarchive.PerfConfig;

/** The value storage of this database, chosen once: TimescaleDB when its extension is installed ({@code perf.retention.dialect}). */
@ApplicationScoped
public class Storage {

    private final Uni<ValueStorage> dialect;

    public Storage(Pool pool, PerfConfig config) {
        this.dialect = TimescaleDetection.choose(pool, config.retention().dialect(),
                () -> new TimescaleStorage(pool), () -> new PartitionedStorage(pool));
    }

    public Uni<ValueStorage> dialect() {
        return dialect;
    }
}
