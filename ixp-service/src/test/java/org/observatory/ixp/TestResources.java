package org.observatory.ixp;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.observatory.testsupport.PostgresTestResource;

/**
 * The resources every {@code @QuarkusTest} of ixp-service runs with, in one Quarkus start:
 * <ul>
 * <li>{@link PostgresTestResource}: its own PostgreSQL database</li>
 * <li>{@link OidcWiremockTestResource}: Quarkus' OIDC test server as the token issuer</li>
 * </ul>
 * Every test needs these two, so they are declared here rather than on one test class. A resource only some tests
 * need is declared on those tests (the live import's fake PeeringDB on {@code PeeringDbApiImportTest}); an
 * unrestricted {@code @QuarkusTestResource} still joins the module's one Quarkus start, so that costs no restart.
 */
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
final class TestResources {

    private TestResources() {
    }
}
