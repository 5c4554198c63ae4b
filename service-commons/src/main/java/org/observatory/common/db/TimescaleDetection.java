package org.observatory.common.db;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import java.util.Locale;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Chooses between a service's TimescaleDB and plain-PostgreSQL storage, once: from configuration, or (mode
 * {@code auto}) from whether the {@code timescaledb} extension is installed, the same test the services' migrations
 * make, so that the chosen storage always matches the tables the migrations created.
 */
public final class TimescaleDetection {

    private static final Logger LOG = Logger.getLogger(TimescaleDetection.class);

    private TimescaleDetection() {
    }

    /** Whether the {@code timescaledb} extension is installed in the pool's database. */
    public static Uni<Boolean> installed(Pool pool) {
        return pool.query("SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') AS installed").execute()
                .map(rows -> rows.iterator().next().getBoolean("installed"));
    }

    /**
     * The storage for {@code mode}: {@code timescaledb}, {@code plain} (or its alias {@code partitioned}), or
     * {@code auto} (detect). Memoized: the database is asked at most once, on first use.
     *
     * @throws IllegalArgumentException for any other mode
     */
    public static <D> Uni<D> choose(Pool pool, String mode, Supplier<D> timescale, Supplier<D> plain) {
        Uni<Boolean> useTimescale = switch (mode.strip().toLowerCase(Locale.ROOT)) {
            case "timescaledb" -> Uni.createFrom().item(true);
            case "plain", "partitioned" -> Uni.createFrom().item(false);
            case "auto" -> installed(pool);
            default -> throw new IllegalArgumentException("Unknown storage mode '" + mode + "': use auto, timescaledb or plain");
        };
        return useTimescale.map(yes -> {
            LOG.infof("Storage: %s (mode %s)", yes ? "TimescaleDB" : "plain PostgreSQL", mode);
            return yes ? timescale.get() : plain.get();
        }).memoize().indefinitely();
    }
}
