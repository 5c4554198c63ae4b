package org.observatory.common.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.observatory.testsupport.SharedData;

/** Against MaxMind's official test databases (they cover only a few ranges). */
class GeoIpDatabaseTest {

    private static final GeoIpDatabase CITY = GeoIpDatabase.open(Optional.of(SharedData.path("geoip/GeoLite2-City-Test.mmdb")));

    @Test
    void locatesAddressesTheDatabaseCoversWithCountryCityAndCoordinates() throws Exception {
        GeoIpDatabase.Place london = CITY.locate(InetAddress.getByName("81.2.69.142")).orElseThrow();
        assertEquals("GB", london.countryCode());
        assertEquals("United Kingdom", london.countryName());
        assertEquals("London", london.city());
        assertEquals(51.5142, london.latitude(), 0.01);
        assertEquals(-0.0931, london.longitude(), 0.01);
        assertEquals("SE", CITY.locate(InetAddress.getByName("89.160.20.112")).orElseThrow().countryCode());
        assertEquals("JP", CITY.locate(InetAddress.getByName("2001:218::1")).orElseThrow().countryCode());
    }

    @Test
    void answersTheSameFromItsBoundedCache() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertEquals("GB", CITY.locate(InetAddress.getByName("81.2.69.142")).orElseThrow().countryCode());
        }
    }

    @Test
    void findsNothingForAddressesItDoesNotCover() throws Exception {
        assertTrue(CITY.locate(InetAddress.getByName("127.0.0.1")).isEmpty());
        assertTrue(CITY.locate(InetAddress.getByName("192.0.2.1")).isEmpty());
    }

    @Test
    void findsNothingWithACorruptMissingOrUnconfiguredDatabase() throws Exception {
        GeoIpDatabase broken = GeoIpDatabase.open(Optional.of(SharedData.path("geoip/GeoIP2-City-Test-Broken-Double-Format.mmdb")));
        Optional<GeoIpDatabase.Place> found = broken.locate(InetAddress.getByName("81.2.69.142"));
        assertTrue(found.isEmpty() || found.get().countryCode() != null, "a corrupt database never throws");
        GeoIpDatabase missing = GeoIpDatabase.open(Optional.of(Path.of("/nonexistent/GeoLite2-City.mmdb")));
        assertFalse(missing.available());
        assertTrue(missing.locate(InetAddress.getByName("81.2.69.142")).isEmpty());
        assertFalse(GeoIpDatabase.open(Optional.empty()).available());
        assertFalse(GeoIpDatabase.open(Optional.of(Path.of(" "))).available());
    }
}
