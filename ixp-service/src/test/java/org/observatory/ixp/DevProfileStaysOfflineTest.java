package org.observatory.ixp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** application.properties in the dev profile: no cron runs and no source is on the internet. */
class DevProfileStaysOfflineTest {

    @Test
    void devModeSchedulesNothingAndReadsOnlyLocalSources() throws IOException {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withProfile("dev")
                .withSources(new PropertiesConfigSource(getClass().getResource("/application.properties"), 250))
                .withMapping(IxpConfig.class)
                .build();
        IxpConfig ixp = config.getConfigMapping(IxpConfig.class);

        assertEquals("off", ixp.peeringdb().cron());
        assertEquals("off", ixp.asnRegistry().cron());
        assertTrue(ixp.peeringdb().baseUrl().startsWith("http://127.0.0.1:"), ixp.peeringdb().baseUrl());
        assertEquals(0, ixp.peeringdb().maxRetries());
        List<String> sources = new ArrayList<>(ixp.asnRegistry().delegatedFiles());
        sources.add(ixp.archive().locationPattern());
        ixp.asnRegistry().routedAsns().ifPresent(sources::add);
        ixp.asnRegistry().customers().ifPresent(sources::add);
        ixp.asnRegistry().manrs().ifPresent(sources::add);
        assertFalse(sources.stream().anyMatch(s -> s.startsWith("http")), sources.toString());
    }
}
