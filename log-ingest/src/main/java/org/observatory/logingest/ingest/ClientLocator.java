package org.observatory.logingest.ingest;

import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;
import org.observatory.common.geo.GeoIpDatabase;
import org.observatory.logingest.common.LogIngestConfig;

/**
 * Client location from the GeoIP database ({@code logs.geoip.city-database}), opened once at start. Anything the
 * database does not know (or a database that is missing or corrupt) gives {@link Location#UNKNOWN}: never a default
 * city. Lookups may read the file: ingests call it on their worker thread.
 */
@Startup
@ApplicationScoped
public class ClientLocator {

    /** About 5 km: the city, not the house. */
    static final int GEOHASH_PRECISION = 5;
    // Only literal addresses are looked up: InetAddress.getByName would resolve a name through DNS.
    private static final Pattern LITERAL = Pattern.compile("[0-9a-fA-F:.]+");

    /** Country ISO code, English city name and geohash; each may be null. */
    public record Location(String country, String city, String geohash) {
        public static final Location UNKNOWN = new Location(null, null, null);
    }

    private final GeoIpDatabase database;

    @Inject
    public ClientLocator(LogIngestConfig config) {
        this(config.geoip().cityDatabase());
    }

    /** Outside CDI (the benchmark's COPY path locates clients the same way). */
    public ClientLocator(Optional<String> cityDatabase) {
        this.database = GeoIpDatabase.open(cityDatabase.filter(p -> !p.isBlank()).map(Path::of));
    }

    /** Looks up a literal IPv4 or IPv6 address (never resolved through DNS). */
    public Location locate(String address) {
        if (!database.available() || address == null || !LITERAL.matcher(address).matches()) {
            return Location.UNKNOWN;
        }
        try {
            return database.locate(InetAddress.getByName(address)).map(place -> new Location(place.countryCode(), place.city(),
                    place.latitude() == null || place.longitude() == null ? null
                            : Geohash.encode(place.latitude(), place.longitude(), GEOHASH_PRECISION)))
                    .orElse(Location.UNKNOWN);
        } catch (UnknownHostException e) {
            return Location.UNKNOWN;
        }
    }

    @PreDestroy
    void close() {
        database.close();
    }
}
