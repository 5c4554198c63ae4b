package org.observatory.registry.geo;

import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.util.Optional;
import org.observatory.common.geo.GeoIpDatabase;
import org.observatory.registry.common.RegistryConfig;

/**
 * Locates crawled instances' servers with the GeoIP database ({@code registry.geoip.database}), opened once at start.
 * The crawler runs on the event loop, so lookups (which may read the file) go to a worker thread.
 */
@Startup
@ApplicationScoped
public class ServerLocator {

    private final GeoIpDatabase database;
    private final Vertx vertx;

    public ServerLocator(RegistryConfig config, Vertx vertx) {
        this.database = GeoIpDatabase.open(config.geoip().database());
        this.vertx = vertx;
    }

    /** Where {@code address} is, if the database knows its country; never fails. */
    public Uni<Optional<Location>> locate(InetAddress address) {
        if (!database.available()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return Uni.createFrom().completionStage(() -> vertx.executeBlocking(() -> database.locate(address)
                        .filter(place -> place.countryCode() != null)
                        .map(place -> new Location(place.countryCode(), place.countryName(), place.latitude(), place.longitude())),
                false).toCompletionStage());
    }

    @PreDestroy
    void close() {
        database.close();
    }
}
