package org.observatory.perfarchive;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.observatory.perfarchive.Esmond.ROOT;
import static org.observatory.perfarchive.Esmond.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The archive specification README.md tells operators to put in pSConfig, used exactly as pScheduler would. */
@QuarkusTest
class PschedulerReadmeTest {

    private static final String MARKER = "<!-- pscheduler-archive-spec";

    @Test
    void theReadmesArchiveSpecificationArchivesRuns() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        int at = readme.indexOf("```json", readme.indexOf(MARKER)) + "```json".length();
        JsonNode spec = new ObjectMapper().readTree(readme.substring(at, readme.indexOf("```", at)));
        JsonNode data = spec.get("data");
        assertEquals("http", spec.get("archiver").asText());

        String key = admin().contentType("application/json").body(Map.of("username", "readme-host")).post("/perf/keys")
                .then().statusCode(201).extract().path("key");
        String base64 = Base64.getEncoder().encodeToString(("perfsonar:" + key).getBytes(StandardCharsets.UTF_8));
        for (String fixture : new String[]{"latencybg.json", "trace.json"}) {
            String body = PschedulerArchiverTest.fixture(fixture)
                    .replaceAll("\"id\": \"[0-9a-f]{8}", "\"id\": \"0eadbeef")
                    // Hosts of their own, apart from PschedulerArchiverTest's runs of the same fixtures.
                    .replace("198.51.100.", "203.0.113.");
            // pScheduler sends the _headers as given, after pSConfig filled in the template variables.
            RequestSpecification request = given().body(body);
            data.get("_headers").fields().forEachRemaining(h -> request.header(h.getKey(), h.getValue().asText()
                    .replace("{% scheduled_by_address %}", "198.51.100.99")
                    .replace("BASE64(perfsonar:KEY)", base64)));
            String path = URI.create(data.get("_url").asText()).getPath();
            request.request(data.get("op").asText().toUpperCase(), path).then().statusCode(201);
        }
        given().queryParam("measurement-agent", "198.51.100.99").queryParam("pscheduler-test-type", "trace")
                .get(ROOT + "/").then().body("'tool-name'", contains("pscheduler/tracepath"));
        given().queryParam("measurement-agent", "198.51.100.99").get(ROOT + "/").then()
                .body("'pscheduler-test-type'", org.hamcrest.Matchers.containsInAnyOrder("latencybg", "trace"))
                .body("[0].'metadata-count-total'", equalTo(2));
    }

    private static void assertEquals(String expected, String actual) {
        org.junit.jupiter.api.Assertions.assertEquals(expected, actual);
    }
}
