package org.observatory.logingest;

import io.quarkus.test.junit.QuarkusTest;
import org.observatory.testsupport.ServiceConventionsTest;

/** The suite's conventions (health with the database, OpenAPI, problem+json), on this service's own database. */
@QuarkusTest
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
