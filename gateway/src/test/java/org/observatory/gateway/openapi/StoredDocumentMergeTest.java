package org.observatory.gateway.openapi;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The build's merge of stored documents and the gateway's live merge agree, given the same documents. */
@QuarkusTest
class StoredDocumentMergeTest {

    private static final List<String> SERVICES = List.of("instance-registry", "ixp-service", "log-ingest", "perf-archive");

    @Inject
    SuiteOpenApiConfig suite;

    @ConfigProperty(name = "quarkus.application.version")
    String version;

    @Test
    void mergesStoredDocumentsIntoWhatTheGatewayServes() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        Path dir = Files.createTempDirectory("stored-openapi");
        Map<String, Path> stored = new LinkedHashMap<>();
        stored.put("gateway", store(dir, "gateway", given().get("/openapi-gateway?format=json").then().statusCode(200).extract().asString()));
        for (String service : SERVICES) {
            stored.put(service, store(dir, service,
                    given().get("/services/" + service + "/openapi?format=json").then().statusCode(200).extract().asString()));
        }

        JsonNode built = StoredDocumentMerge.merge(SuiteDocument.settings(version, suite.publicUrl(), suite.issuer()), stored);
        JsonNode served = mapper.readTree(given().get("/openapi").then().statusCode(200).extract().asString());

        // The test configuration also has a backend that is down, which the served description names; the rest is equal.
        assertTrue(served.at("/info/description").asText().contains("Not available right now: offline-service"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) served.get("info")).remove("description");
        ((com.fasterxml.jackson.databind.node.ObjectNode) built.get("info")).remove("description");
        assertEquals(served, built);
    }

    private static Path store(Path dir, String service, String document) throws Exception {
        Path file = dir.resolve(service + ".json");
        Files.writeString(file, document);
        return file;
    }
}
