package org.observatory.gateway.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenApiMergerTest {

    private final ObjectMapper mapper = new ObjectMapper();

    private JsonNode service(String path, String schemaDescription) throws Exception {
        return mapper.readTree("""
                {"openapi":"3.0.3","info":{"title":"x","version":"1"},
                 "paths":{"%s":{"get":{"operationId":"list","tags":["Things"],
                   "responses":{"200":{"description":"ok","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Thing"}}}}}}}},
                 "tags":[{"name":"Things","description":"things"}],
                 "components":{"schemas":{"Thing":{"type":"object","description":"%s"},
                                          "Page":{"type":"object","properties":{"items":{"type":"array","items":{"$ref":"#/components/schemas/Thing"}}}}},
                               "securitySchemes":{"SecurityScheme":{"type":"http","scheme":"bearer"}}}}
                """.formatted(path, schemaDescription));
    }

    private ObjectNode merged() throws Exception {
        Map<String, JsonNode> documents = new LinkedHashMap<>();
        documents.put("ixp-service", service("/ixp/things", "ixp thing"));
        documents.put("log-ingest", service("/logs/things", "log thing"));
        return OpenApiMerger.merge(mapper.createObjectNode().put("title", "Observatory"), documents,
                "http://issuer/.well-known/openid-configuration");
    }

    @Test
    void keepsEveryServicesPaths() throws Exception {
        ObjectNode merged = merged();
        assertTrue(merged.path("paths").has("/ixp/things"));
        assertTrue(merged.path("paths").has("/logs/things"));
        assertEquals("3.0.3", merged.path("openapi").asText());
    }

    @Test
    void renamesAClashingSchemaAndRewritesTheReferencesOfItsService() throws Exception {
        ObjectNode merged = merged();
        JsonNode schemas = merged.path("components").path("schemas");
        assertEquals("ixp thing", schemas.path("Thing").path("description").asText());
        assertEquals("log thing", schemas.path("LogIngestThing").path("description").asText());
        assertEquals("#/components/schemas/LogIngestThing", merged.at("/paths/~1logs~1things/get/responses/200/content/application~1json/schema/$ref").asText());
        assertEquals("#/components/schemas/LogIngestThing", schemas.at("/LogIngestPage/properties/items/items/$ref").asText());
        assertEquals("#/components/schemas/Thing", merged.at("/paths/~1ixp~1things/get/responses/200/content/application~1json/schema/$ref").asText());
    }

    @Test
    void makesOperationIdsUniqueForGeneratedClients() throws Exception {
        ObjectNode merged = merged();
        assertEquals("list", merged.at("/paths/~1ixp~1things/get/operationId").asText());
        assertEquals("logIngestList", merged.at("/paths/~1logs~1things/get/operationId").asText());
    }

    @Test
    void declaresTheSuitesOneOidcSchemeInsteadOfTheServicesOwn() throws Exception {
        JsonNode schemes = merged().path("components").path("securitySchemes");
        assertEquals("openIdConnect", schemes.path("oidc").path("type").asText());
        assertEquals("http://issuer/.well-known/openid-configuration", schemes.path("oidc").path("openIdConnectUrl").asText());
        assertFalse(schemes.has("SecurityScheme"));
    }

    @Test
    void listsEachTagOnce() throws Exception {
        assertEquals(1, merged().path("tags").findValues("name").stream().filter(n -> n.asText().equals("Things")).count());
    }
}
