package org.observatory.perfarchive;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.observatory.testsupport.ServiceConventionsTest;

/** The suite's conventions (health with the database, OpenAPI, problem+json), on this service's own database. */
@QuarkusTest
class ServiceFoundationTest extends ServiceConventionsTest {

    /** esmond's keys carry only the write role: the document offers them on the three esmond writes, nowhere else. */
    @Test
    void documentsEsmondKeysOnEsmondWritesOnly() {
        JsonPath document = given().baseUri(managementBase()).queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .extract().jsonPath();
        assertEquals("apiKey", document.getString("components.securitySchemes.esmondToken.type"));
        assertEquals("Authorization", document.getString("components.securitySchemes.esmondToken.name"));
        Map<String, Object> paths = document.getMap("paths");
        Map<String, List<String>> schemes = new TreeMap<>();
        paths.forEach((path, item) -> ((Map<?, ?>) item).forEach((method, operation) -> {
            Object security = ((Map<?, ?>) operation).get("security");
            if (security instanceof List<?> requirements && !requirements.isEmpty()) {
                schemes.put(method + " " + path, requirements.stream()
                        .flatMap(r -> ((Map<?, ?>) r).keySet().stream()).map(String::valueOf).toList());
            }
        }));
        List<String> writes = List.of("oauth2", "bearer", "esmondToken");
        String archive = "/esmond/perfsonar/archive";
        assertEquals(writes, schemes.get("post " + archive));
        assertEquals(writes, schemes.get("put " + archive + "/{key}"));
        assertEquals(writes, schemes.get("post " + archive + "/{key}/{eventType}/base"));
        schemes.forEach((operation, names) -> {
            if (!operation.contains(archive)) {
                assertEquals(List.of("oauth2", "bearer"), names, operation);
            }
        });
        assertEquals(List.of("oauth2", "bearer"), schemes.get("post /perf/keys"));
    }

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
