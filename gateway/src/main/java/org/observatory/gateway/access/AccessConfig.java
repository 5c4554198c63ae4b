package org.observatory.gateway.access;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The gateway's route table: which role a method and path need. A request must hold the role of every rule it
 * matches; a request that matches none (an anonymous read) passes, and the service still checks on its own.
 */
@ConfigMapping(prefix = "gateway.access")
public interface AccessConfig {

    /** Turns the table off (the services alone decide); on by default. */
    @WithDefault("true")
    boolean enabled();

    /** Each rule by a name that says what it protects. */
    Map<String, Rule> rules();

    interface Rule {
        /** HTTP methods, or {@code *} for all. */
        List<String> methods();

        /** A path pattern: {@code *} is one segment, a trailing {@code /**} is the path and everything below it. */
        String path();

        /** The role the token must carry. */
        String role();

        /**
         * Authorization schemes other than Bearer that this route hands to its service unchecked, for clients that
         * cannot get a token (esmond's {@code Token} and {@code ApiKey} keys); the service checks the key.
         */
        Optional<List<String>> legacySchemes();
    }
}
