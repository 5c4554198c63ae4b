package org.observatory.perfarchive;

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
        return "/esmond/perfsonar/archive/";
    }

    @Override
    protected String securedPostPath() {
        return "/perf/keys";
    }

    @Override
    protected String pathWithValue(String value) {
        return "/esmond/perfsonar/archive/" + value + "/";
    }
}
