package org.observatory.logingest;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import org.observatory.testsupport.SharedData;

/** Points the service at MaxMind's test City database from the shared sample data. */
public class GeoIpTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("logs.geoip.city-database", SharedData.path("geoip/GeoLite2-City-Test.mmdb").toString());
    }

    @Override
    public void stop() {
    }
}
