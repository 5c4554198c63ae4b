package org.observatory.testsupport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * The conventions every service with a database keeps: readiness includes the database, the OpenAPI
 * document carries the service's own title and
 * is fit for client generators ({@link OpenApiConventions}), and errors leave as problem+json. A service's test class
 * extends this with its {@code @QuarkusTest} and test resources.
 */
public abstract class ServiceConventionsTest {

    @Test
    void isReadyOnlyWithItsDatabase() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.findAll { it.name.contains('PostgreSQL') }.status", hasItem("UP"));
    }

    @Test
    void isAliveWithoutAskingTheDatabase() {
        given().when().get("/q/health/live")
                .then().statusCode(200)
                .body("status", equalTo("UP"));
    }

    @Test
    void describesItselfInOpenApi() {
        String title = ConfigProvider.getConfig().getValue("quarkus.smallrye-openapi.info-title", String.class);
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("info.title", equalTo(title))
                .body("info.title", startsWith("Observatory "))
                .body("openapi", startsWith("3.0"));
    }

    @Test
    void documentsEveryOperationForClientGenerators() {
        Map<String, Object> document = given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().jsonPath().getMap("$");
        List<String> defects = OpenApiConventions.defects(document);
        Assertions.assertEquals(List.of(), defects, () -> defects.size() + " defects:\n" + String.join("\n", defects));
    }

    @Test
    void answersUnknownPathsWithProblemJson() {
        given().when().get("/no/such/path")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("title", equalTo("Not Found"));
    }
}
