package org.observatory.logingest.storage;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Picks the dialect once, from whether the {@code timescaledb} extension is installed in the database. */
@ApplicationScoped
public class StorageDialects {

    private static final Logger LOG = Logger.getLogger(StorageDialects.class);

    private final Uni<StorageDialect> current;

    public StorageDialects(Pool pool) {
        this.current = pool.query("SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb')")
                .execute()
                .map(rows -> rows.iterator().next().getBoolean(0)
                        ? (StorageDialect) new TimescaleDialect()
                        : new PlainPostgresDialect())
                .invoke(d -> LOG.infof("Storage dialect: %s", d.name()))
                .memoize().indefinitely();
    }

    public Uni<StorageDialect> current() {
        return current;
    }
}
