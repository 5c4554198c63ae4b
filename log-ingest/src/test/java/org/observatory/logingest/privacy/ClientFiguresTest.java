package org.observatory.logingest.privacy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.observatory.logingest.TestLogs.asAdmin;
import static org.observatory.logingest.TestLogs.asWriter;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Issue 15: anonymous /logs/totals?groupBy=client listed every client's keyed hash. */
@QuarkusTest
class ClientFiguresTest {

    @Test
    void anonymousCallersGetNoFiguresPerClient() {
        for (String path : new String[] {"/logs/totals", "/logs/series"}) {
            given().accept("application/json").queryParam("groupBy", "network,client").when().get(path)
                    .then().statusCode(403).contentType(startsWith("application/problem+json"))
                    .body("status", equalTo(403)).body("detail", containsString("logs:admin"));
            given().accept("application/json").queryParam("client", "0123456789abcdef").when().get(path)
                    .then().statusCode(403).contentType(startsWith("application/problem+json"));
        }
        given().accept("text/csv").queryParam("groupBy", "client").when().get("/logs/totals").then().statusCode(403);
    }

    @Test
    void writersWithoutAdminGetNoFiguresPerClientEither() {
        asWriter().accept("application/json").queryParam("groupBy", "client").when().get("/logs/totals")
                .then().statusCode(403);
    }

    @Test
    void adminsSeeFiguresPerClientAndEveryoneSeesTheOtherDimensions() {
        asAdmin().accept("application/json").queryParam("groupBy", "client").when().get("/logs/totals")
                .then().statusCode(200);
        given().accept("application/json").queryParam("groupBy", "network,country").when().get("/logs/totals")
                .then().statusCode(200);
    }
}
