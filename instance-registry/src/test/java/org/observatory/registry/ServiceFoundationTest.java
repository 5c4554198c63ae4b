package org.observatory.registry;

import io.quarkus.test.junit.QuarkusTest;
import org.observatory.testsupport.ServiceConventionsTest;

/** The suite's conventions (health with the database, OpenAPI, problem+json), on this service's own database. */
@QuarkusTest
class ServiceFoundationTest extends ServiceConventionsTest {

    @Override
    protected String anonymousReadPath() {
        return "/registry/instances";
    }

    @Override
    protected String securedPostPath() {
        return "/registry/admin/crawl";
    }

    @Override
    protected String pathWithValue(String value) {
        return "/api/instance/" + value;
    }
}
