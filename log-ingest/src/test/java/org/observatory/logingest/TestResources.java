package org.observatory.logingest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.observatory.testsupport.PostgresTestResource;

/**
 * The resources every {@code @QuarkusTest} of log-ingest runs with, in one Quarkus start:
 * <ul>
 * <li>{@link PostgresTestResource}: its own PostgreSQL database</li>
 * <li>{@link OidcWiremockTestResource}: Quarkus' OIDC test server as the token issuer</li>
 * <li>{@link GeoIpTestResource}: MaxMind's test City database for client locations</li>
 * <li>{@link LogFolderTestResource}: a log folder for the directory ingest</li>
 * </ul>
 * A {@code @QuarkusTestResource} applies to all tests of the module whichever class carries it (unless it is
 * restricted to that class, which costs a restart), so they are declared here rather than on one test class.
 */
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(GeoIpTestResource.class)
@QuarkusTestResource(LogFolderTestResource.class)
final class TestResources {

    private TestResources() {
    }
}
