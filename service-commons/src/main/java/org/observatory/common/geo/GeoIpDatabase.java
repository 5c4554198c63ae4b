package org.observatory.common.geo;

import com.maxmind.db.CHMCache;
import com.maxmind.db.Reader;
import com.maxmind.geoip2.DatabaseReader;
import com.maxmind.geoip2.model.CityResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * An offline MaxMind GeoIP2/GeoLite2 City database, opened once per service (at start, on the main thread). Memory-mapped, so the heap does not hold
 * the file (a City database is some 70 MB); decoded records are cached up to {@link #CACHED_RECORDS}, then read again.
 * A lookup may read the file from disk: call it on a worker thread, never on the event loop. Any failure (no database,
 * a corrupt one, an address it does not cover) is an empty answer, never an exception, so that a caller keeps what it
 * knew. Services that use it declare {@code com.maxmind.geoip2:geoip2} themselves (optional here).
 */
public final class GeoIpDatabase implements AutoCloseable {

    /** Bound of the record cache: the distinct networks one service meets in a day fit, a scan cannot grow it. */
    public static final int CACHED_RECORDS = 4096;

    private static final Logger LOG = Logger.getLogger(GeoIpDatabase.class);
    private static final GeoIpDatabase NONE = new GeoIpDatabase(null);

    /** What the database knows of an address; each part may be null. */
    public record Place(String countryCode, String countryName, String city, Double latitude, Double longitude) {
    }

    private final DatabaseReader reader;

    private GeoIpDatabase(DatabaseReader reader) {
        this.reader = reader;
    }

    /** Opens {@code file}; empty, blank, missing or unreadable gives a database that knows nothing (logged). */
    public static GeoIpDatabase open(Optional<Path> file) {
        if (file.isEmpty() || file.get().toString().isBlank()) {
            LOG.info("No GeoIP database configured: locations stay unknown");
            return NONE;
        }
        Path path = file.get();
        try {
            if (!Files.isRegularFile(path)) {
                throw new IOException("no such file");
            }
            return new GeoIpDatabase(new DatabaseReader.Builder(path.toFile()).fileMode(Reader.FileMode.MEMORY_MAPPED)
                    .withCache(new CHMCache(CACHED_RECORDS)).build());
        } catch (IOException | RuntimeException e) {
            LOG.errorf("GeoIP database %s cannot be opened (%s): locations stay unknown", path, e.getMessage());
            return NONE;
        }
    }

    /** Whether a database is open (lookups can find anything at all). */
    public boolean available() {
        return reader != null;
    }

    /** The place of {@code address}, if the database has a record for it. May read the file: not on the event loop. */
    public Optional<Place> locate(InetAddress address) {
        if (reader == null) {
            return Optional.empty();
        }
        try {
            Optional<CityResponse> found = reader.tryCity(address);
            return found.map(c -> new Place(c.getCountry() == null ? null : c.getCountry().getIsoCode(),
                            c.getCountry() == null ? null : c.getCountry().getName(),
                            c.getCity() == null ? null : c.getCity().getName(),
                            c.getLocation() == null ? null : c.getLocation().getLatitude(),
                            c.getLocation() == null ? null : c.getLocation().getLongitude()));
        } catch (Exception e) {
            // A corrupt record must not fail the caller's work: the place is simply unknown.
            LOG.debugf("GeoIP lookup failed: %s", e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        if (reader != null) {
            try {
                reader.close();
            } catch (IOException e) {
                LOG.debug("Closing the GeoIP database failed", e);
            }
        }
    }
}
