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
 * </ul>
 * Every ingest locates its clients, so the GeoIP database is here with the two every test needs. A resource only
 * some tests need is declared on those tests (the directory ingest's log folder on {@code DirectoryIngestTest}); an
 * unrestricted {@code @QuarkusTestResource} still joins the module's one Quarkus start, so that costs no restart.
 */
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(GeoIpTestResource.class)
final class TestResources {

    private TestResources() {
    }
}
