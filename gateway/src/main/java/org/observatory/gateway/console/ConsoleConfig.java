package org.observatory.gateway.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** What the console's browser code needs to know to log an administrator in. */
@ConfigMapping(prefix = "console")
public interface ConsoleConfig {

    /** The issuer as a browser reaches it (may differ from the address the gateway uses inside a cluster). */
    Optional<String> issuer();

    /** The public client the console logs in with (authorization code + PKCE). */
    @WithDefault("observatory-web")
    String clientId();
}
