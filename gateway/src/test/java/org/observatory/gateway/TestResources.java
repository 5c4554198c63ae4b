package org.observatory.gateway;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * The resources every {@code @QuarkusTest} of gateway runs with, in one Quarkus start:
 * <ul>
 * <li>{@link EchoBackend}: a local backend that echoes what the gateway forwards, for every route</li>
 * <li>{@link OidcWiremockTestResource}: Quarkus' OIDC test server as the token issuer</li>
 * </ul>
 * A {@code @QuarkusTestResource} applies to all tests of the module whichever class carries it (unless it is
 * restricted to that class, which costs a restart), so they are declared here rather than on one test class.
 */
@QuarkusTestResource(EchoBackend.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
final class TestResources {

    private TestResources() {
    }
}
