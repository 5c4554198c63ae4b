package org.observatory.logingest.ingest;

import com.maxmind.geoip2.DatabaseReader;
import com.maxmind.geoip2.model.CityResponse;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.observatory.logingest.common.LogIngestConfig;

/**
 * Client location from an offline MaxMind City database. Anything the database does not know (or a database
 * that is missing or corrupt) gives {@link Location#UNKNOWN}: never a default city.
 */
@ApplicationScoped
@RegisterForReflection(targets = {CityResponse.class, com.maxmind.geoip2.record.City.class,
        com.maxmind.geoip2.record.Country.class, com.maxmind.geoip2.record.Location.class})
public class GeoLocator {

    private static final Logger LOG = Logger.getLogger(GeoLocator.class);
    /** About 5 km: the city, not the house. */
    static final int GEOHASH_PRECISION = 5;

    /** Country ISO code, English city name and geohash; each may be null. */
    public record Location(String country, String city, String geohash) {
        public static final Location UNKNOWN = new Location(null, null, null);
    }

    private final DatabaseReader reader;

    @Inject
    public GeoLocator(LogIngestConfig config) {
        this.reader = open(config.geoip().cityDatabase());
    }

    private static DatabaseReader open(Optional<String> path) {
        if (path.isEmpty() || path.get().isBlank()) {
            LOG.info("No GeoIP city database configured: client locations stay unknown");
            return null;
        }
        try {
            return new DatabaseReader.Builder(new File(path.get())).build();
        } catch (IOException | RuntimeException e) {
            LOG.errorf("GeoIP city database %s cannot be opened (%s): client locations stay unknown", path.get(), e.getMessage());
            return null;
        }
    }

    /** Looks up a literal IPv4 or IPv6 address (never resolved through DNS). */
    public Location locate(String address) {
        if (reader == null) {
            return Location.UNKNOWN;
        }
        try {
            Optional<CityResponse> found = reader.tryCity(InetAddress.getByName(address));
            if (found.isEmpty()) {
                return Location.UNKNOWN;
            }
            CityResponse city = found.get();
            String country = city.getCountry() == null ? null : city.getCountry().getIsoCode();
            String name = city.getCity() == null ? null : city.getCity().getName();
            String geohash = null;
            if (city.getLocation() != null && city.getLocation().getLatitude() != null
                    && city.getLocation().getLongitude() != null) {
                geohash = Geohash.encode(city.getLocation().getLatitude(), city.getLocation().getLongitude(), GEOHASH_PRECISION);
            }
            return new Location(country, name, geohash);
        } catch (Exception e) {
            // A corrupt record must not fail the ingest: the location is simply unknown.
            LOG.debugf("GeoIP lookup of a client failed: %s", e.getMessage());
            return Location.UNKNOWN;
        }
    }

    @PreDestroy
    void close() throws IOException {
        if (reader != null) {
            reader.close();
        }
    }
}
