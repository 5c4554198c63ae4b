package org.observatory.ixp;

import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.common.MapBackedConfigSource;
import java.util.HashMap;
import java.util.Map;

/** An {@link IxpConfig} for plain unit tests: the required keys filled with harmless values, then the test's own. */
public final class TestConfig {

    private TestConfig() {
    }

    public static IxpConfig ixp(Map<String, String> values) {
        Map<String, String> all = new HashMap<>(Map.of(
                "ixp.peeringdb.base-url", "http://127.0.0.1:1/api",
                "ixp.peeringdb.cron", "off",
                "ixp.archive.location-pattern", "target/no-archive/%Y/%m/%d.json",
                "ixp.asn-registry.delegated-files", "target/no-registry.txt",
                "ixp.asn-registry.cron", "off"));
        all.putAll(values);
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(IxpConfig.class)
                .withSources(new MapBackedConfigSource("test", all) {
                })
                .build();
        return config.getConfigMapping(IxpConfig.class);
    }
}
