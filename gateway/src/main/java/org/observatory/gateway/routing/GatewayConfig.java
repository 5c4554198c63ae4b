package org.observatory.gateway.routing;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The services behind the gateway and how long the gateway waits for them. */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /** Each service by name: its base URL, its management URL and the path prefixes it owns. */
    Map<String, Backend> backends();

    /**
     * The suite's public base URL ({@code https://observatory.example.org}). The services build absolute URLs from
     * the host and scheme the gateway forwards, so these come from here, never from a client's {@code Host}.
     * Unset: the gateway forwards no host, and each service answers with its own.
     */
    Optional<URI> publicUrl();

    Duration connectTimeout();

    Duration idleTimeout();

    Duration healthTimeout();

    /**
     * Kept-alive connections to each service from each event loop (every event loop has its own pool, see
     * {@link EventLoopProxies}); a request beyond them waits for one to come free.
     */
    int connectionsPerEventLoop();

    /** Bearer tokens verified once, taken again for a short time ({@code VerifiedTokens}). */
    TokenCache tokenCache();

    interface TokenCache {
        /** The longest a verified token is taken again without checking its signature. */
        Duration maxAge();

        /** Tokens remembered at most; 0 turns the cache off. */
        int size();
    }

    interface Backend {
        /** The service's main port: the only one proxied to. */
        URI url();

        /** The service's management interface (health, OpenAPI): read by the gateway, never proxied. */
        URI managementUrl();

        List<String> paths();

        /**
         * The largest body the service accepts (its {@code MAX_BODY_SIZE}). The gateway answers a longer declared
         * body with 413 itself, instead of streaming it until the service hangs up, and a chunked body once it has
         * streamed past this ({@link StreamedBodyLimit}).
         */
        Optional<MemorySize> maxBodySize();
    }
}
