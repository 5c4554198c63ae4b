package org.observatory.registry.geo;

/** Where an instance's server is, as far as the GeoIP database knows. */
public record Location(String countryCode, String countryName, Double latitude, Double longitude) {
}
