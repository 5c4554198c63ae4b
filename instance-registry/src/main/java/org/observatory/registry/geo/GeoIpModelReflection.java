package org.observatory.registry.geo;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The MaxMind reader builds its City answers through annotated constructors, found by reflection; a native
 * image keeps them only when registered here.
 */
@RegisterForReflection(targets = {
        com.maxmind.geoip2.model.CityResponse.class,
        com.maxmind.geoip2.record.City.class,
        com.maxmind.geoip2.record.Continent.class,
        com.maxmind.geoip2.record.Country.class,
        com.maxmind.geoip2.record.Location.class,
        com.maxmind.geoip2.record.MaxMind.class,
        com.maxmind.geoip2.record.Postal.class,
        com.maxmind.geoip2.record.RepresentedCountry.class,
        com.maxmind.geoip2.record.Subdivision.class,
        com.maxmind.geoip2.record.Traits.class})
final class GeoIpModelReflection {

    private GeoIpModelReflection() {
    }
}
