package org.observatory.logingest.storage;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.observatory.common.db.TimescaleDetection;

/** Picks the dialect once, from whether the {@code timescaledb} extension is installed in the database. */
@ApplicationScoped
public class StorageDialects {

    private final Uni<StorageDialect> current;

    public StorageDialects(Pool pool) {
        this.current = TimescaleDetection.choose(pool, "auto", TimescaleDialect::new, PlainPostgresDialect::new);
    }

    public Uni<StorageDialect> current() {
        return current;
    }
}
