package org.observatory.gateway.openapi;

import io.smallrye.config.ConfigMapping;

/** What the suite's document tells clients about where to go: the gateway's public URL and the public issuer. */
@ConfigMapping(prefix = "gateway.openapi")
public interface SuiteOpenApiConfig {

    /** The gateway as clients reach it: the document's one server. */
    String publicUrl();

    /** The issuer as clients reach it (its token and authorization endpoints go into the oauth2 scheme). */
    String issuer();
}
