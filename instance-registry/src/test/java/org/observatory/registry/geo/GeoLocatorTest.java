package org.observatory.registry.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.observatory.testsupport.SharedData;

/** Against MaxMind's official test databases (they cover only a few ranges). */
class GeoLocatorTest {

    private static final GeoLocator CITY = GeoLocator.of(SharedData.path("geoip/GeoLite2-City-Test.mmdb"));

    @Test
    void locatesAddressesTheDatabaseCovers() throws Exception {
        Location london = CITY.locate(InetAddress.getByName("81.2.69.142")).orElseThrow();
        assertEquals("GB", london.countryCode());
        assertEquals("United Kingdom", london.countryName());
        assertEquals(51.5142, london.latitude(), 0.01);
        assertEquals(-0.0931, london.longitude(), 0.01);
        assertEquals("SE", CITY.locate(InetAddress.getByName("89.160.20.112")).orElseThrow().countryCode());
        assertEquals("JP", CITY.locate(InetAddress.getByName("2001:218::1")).orElseThrow().countryCode());
    }

    @Test
    void findsNothingForAddressesItDoesNotCover() throws Exception {
        assertTrue(CITY.locate(InetAddress.getByName("127.0.0.1")).isEmpty());
        assertTrue(CITY.locate(InetAddress.getByName("192.0.2.1")).isEmpty());
    }

    @Test
    void findsNothingWithACorruptOrMissingDatabase() throws Exception {
        GeoLocator broken = GeoLocator.of(SharedData.path("geoip/GeoIP2-City-Test-Broken-Double-Format.mmdb"));
        assertTrue(broken.locate(InetAddress.getByName("81.2.69.142")).isEmpty()
                || broken.locate(InetAddress.getByName("81.2.69.142")).get().countryCode() != null,
                "a corrupt database never throws");
        GeoLocator missing = GeoLocator.of(Path.of("/nonexistent/GeoLite2-City.mmdb"));
        assertTrue(missing.locate(InetAddress.getByName("81.2.69.142")).isEmpty());
    }
}
