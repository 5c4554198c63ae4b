package org.observatory.gateway.openapi;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.observatory.testsupport.OpenApiConventions;

/** The gateway's own operations keep the conventions every service's document keeps. */
@QuarkusTest
class GatewayOwnDocumentTest {

    @Test
    void documentsItsOwnOperationsForClientGenerators() {
        Map<String, Object> document = given().queryParam("format", "json").when().get("/openapi-gateway")
                .then().statusCode(200).extract().jsonPath().getMap("$");
        List<String> defects = OpenApiConventions.defects(document);
        assertEquals(List.of(), defects, () -> defects.size() + " defects:\n" + String.join("\n", defects));
    }
}
