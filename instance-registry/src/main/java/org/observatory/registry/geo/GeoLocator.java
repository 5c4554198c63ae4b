package org.observatory.registry.geo;

import com.maxmind.db.Reader;
import com.maxmind.geoip2.DatabaseReader;
import com.maxmind.geoip2.model.CityResponse;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.observatory.registry.common.RegistryConfig;

/**
 * Locates addresses with an offline MaxMind GeoIP2/GeoLite2 City database, loaded into memory once.
 * Any failure (no database, a corrupt one, an address it does not cover) is an empty answer, so that the
 * caller keeps the location it had.
 */
@ApplicationScoped
public class GeoLocator {

    private static final Logger LOG = Logger.getLogger(GeoLocator.class);

    private final DatabaseReader reader;

    @jakarta.inject.Inject
    public GeoLocator(RegistryConfig config) {
        this(config.geoip().database());
    }

    GeoLocator(Optional<Path> database) {
        this.reader = database.map(GeoLocator::open).orElse(null);
    }

    public static GeoLocator of(Path database) {
        return new GeoLocator(Optional.of(database));
    }

    private static DatabaseReader open(Path file) {
        try {
            return new DatabaseReader.Builder(file.toFile()).fileMode(Reader.FileMode.MEMORY).build();
        } catch (IOException | RuntimeException e) {
            LOG.warnf("GeoIP database %s cannot be read (%s): instances will not be located", file, e.getMessage());
            return null;
        }
    }

    public Optional<Location> locate(InetAddress address) {
        if (reader == null) {
            return Optional.empty();
        }
        try {
            Optional<CityResponse> city = reader.tryCity(address);
            return city.filter(c -> c.getCountry() != null && c.getCountry().getIsoCode() != null)
                    .map(c -> new Location(c.getCountry().getIsoCode(), c.getCountry().getName(),
                            c.getLocation() == null ? null : c.getLocation().getLatitude(),
                            c.getLocation() == null ? null : c.getLocation().getLongitude()));
        } catch (Exception e) {
            LOG.debugf("GeoIP lookup of %s failed: %s", address, e.getMessage());
            return Optional.empty();
        }
    }

    @PreDestroy
    void close() {
        if (reader != null) {
            try {
                reader.close();
            } catch (IOException e) {
                LOG.debug("Closing the GeoIP database failed", e);
            }
        }
    }
}
