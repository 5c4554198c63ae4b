package org.observatory.registry;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.observatory.testsupport.PostgresTestResource;

/**
 * The resources every {@code @QuarkusTest} of instance-registry runs with, in one Quarkus start:
 * <ul>
 * <li>{@link PostgresTestResource}: its own PostgreSQL database</li>
 * <li>{@link OidcWiremockTestResource}: Quarkus' OIDC test server as the token issuer</li>
 * </ul>
 * Every test needs these two, so they are declared here rather than on one test class. A resource only some tests
 * need is declared on those tests (the crawler's target server on {@code CrawlerTest}); an unrestricted
 * {@code @QuarkusTestResource} still joins the module's one Quarkus start, so that costs no restart.
 */
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
final class TestResources {

    private TestResources() {
    }
}
