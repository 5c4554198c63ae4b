package org.observatory.logingest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.observatory.testsupport.PostgresTestResource;
import org.observatory.testsupport.ServiceConventionsTest;

/** The suite's conventions (health with the database, OpenAPI, problem+json), on this service's own database. */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class ServiceFoundationTest extends ServiceConventionsTest {

    @Override
    protected String anonymousReadPath() {
        return "/logs/totals";
    }

    @Override
    protected String securedPostPath() {
        return "/logs/txlog";
    }

    @Override
    protected String pathWithValue(String value) {
        return "/stats/" + value;
    }
}
