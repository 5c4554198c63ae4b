package org.observatory.common.geo;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The MaxMind reader builds its City answers through annotated constructors, found by reflection; a native image
 * keeps them only when registered. By name, because only the services that use GeoIP have the classes.
 */
@RegisterForReflection(classNames = {
        "com.maxmind.geoip2.model.CityResponse",
        "com.maxmind.geoip2.record.City",
        "com.maxmind.geoip2.record.Continent",
        "com.maxmind.geoip2.record.Country",
        "com.maxmind.geoip2.record.Location",
        "com.maxmind.geoip2.record.MaxMind",
        "com.maxmind.geoip2.record.Postal",
        "com.maxmind.geoip2.record.RepresentedCountry",
        "com.maxmind.geoip2.record.Subdivision",
        "com.maxmind.geoip2.record.Traits"})
final class GeoIpModelReflection {

    private GeoIpModelReflection() {
    }
}
