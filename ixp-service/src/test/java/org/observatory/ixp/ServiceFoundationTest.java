package org.observatory.ixp;

import io.quarkus.test.junit.QuarkusTest;
import org.observatory.testsupport.ServiceConventionsTest;

/** The suite's conventions (health with the database, OpenAPI, problem+json), on this service's own database. */
@QuarkusTest
class ServiceFoundationTest extends ServiceConventionsTest {

    @Override
    protected String anonymousReadPath() {
        return "/ixp/ixps";
    }

    @Override
    protected String securedPostPath() {
        return "/ixp/imports/peeringdb";
    }

    @Override
    protected String pathWithValue(String value) {
        return "/ixp/ixps/" + value;
    }
}
