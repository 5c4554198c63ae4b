package org.observatory.registry;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.observatory.testsupport.PostgresTestResource;

/**
 * The resources every {@code @QuarkusTest} of instance-registry runs with, in one Quarkus start:
 * <ul>
 * <li>{@link PostgresTestResource}: its own PostgreSQL database</li>
 * <li>{@link OidcWiremockTestResource}: Quarkus' OIDC test server as the token issuer</li>
 * <li>{@link CrawlTargetServer}: a local server for the crawler to visit</li>
 * </ul>
 * A {@code @QuarkusTestResource} applies to all tests of the module whichever class carries it (unless it is
 * restricted to that class, which costs a restart), so they are declared here rather than on one test class.
 */
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(CrawlTargetServer.class)
final class TestResources {

    private TestResources() {
    }
}
