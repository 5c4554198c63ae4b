package org.observatory.gateway.routing;

import io.smallrye.config.ConfigMapping;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The services behind the gateway and how long the gateway waits for them. */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /** Each service by name: its base URL and the path prefixes it owns. */
    Map<String, Backend> backends();

    Duration connectTimeout();

    Duration idleTimeout();

    Duration healthTimeout();

    interface Backend {
        URI url();

        List<String> paths();
    }
}
