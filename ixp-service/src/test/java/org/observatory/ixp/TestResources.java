package org.observatory.ixp;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.observatory.ixp.imports.FakePeeringDb;
import org.observatory.testsupport.PostgresTestResource;

/**
 * The resources every {@code @QuarkusTest} of ixp-service runs with, in one Quarkus start:
 * <ul>
 * <li>{@link PostgresTestResource}: its own PostgreSQL database</li>
 * <li>{@link OidcWiremockTestResource}: Quarkus' OIDC test server as the token issuer</li>
 * <li>{@link FakePeeringDb}: a local PeeringDB API as the live import's source</li>
 * </ul>
 * A {@code @QuarkusTestResource} applies to all tests of the module whichever class carries it (unless it is
 * restricted to that class, which costs a restart), so they are declared here rather than on one test class.
 */
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(FakePeeringDb.class)
final class TestResources {

    private TestResources() {
    }
}
