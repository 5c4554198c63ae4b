package org.observatory.gateway.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenApiMergerTest {

    private static final SuiteDocumentSettings SETTINGS = SuiteDocumentSettings.forIssuer("Observatory", "1.0",
            "the suite", "https://observatory.example.org", "https://id.example.org/realms/observatory");

    private final ObjectMapper mapper = new ObjectMapper();

    /** A service document with one GET, a Problem that every service shares and a Thing that differs. */
    private JsonNode service(String path, String operationId, String thing) throws Exception {
        return mapper.readTree("""
                {"openapi":"3.0.3","info":{"title":"Observatory x","version":"1","description":"does x"},
                 "tags":[{"name":"Things","description":"things"}],
                 "paths":{"%s":{"get":{"operationId":"%s","tags":["Things"],
                   "security":[{"SecurityScheme":["measurements:write"]}],
                   "responses":{"200":{"description":"ok","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Page"}}}},
                                "400":{"description":"bad","content":{"application/problem+json":{"schema":{"$ref":"#/components/schemas/Problem"}}}}}}}},
                 "components":{"schemas":{
                     "Problem":{"type":"object","properties":{"status":{"type":"integer"}}},
                     "Thing":{"type":"object","description":"%s"},
                     "Page":{"type":"object","properties":{"items":{"type":"array","items":{"$ref":"#/components/schemas/Thing"}}}}},
                   "securitySchemes":{"SecurityScheme":{"type":"openIdConnect","openIdConnectUrl":"http://x"}}}}
                """.formatted(path, operationId, thing));
    }

    private ObjectNode merge(Map<String, JsonNode> documents) {
        return OpenApiMerger.merge(SETTINGS, documents);
    }

    private ObjectNode twoServices() throws Exception {
        Map<String, JsonNode> documents = new LinkedHashMap<>();
        documents.put("ixp-service", service("/ixp/things", "listIxpThings", "ixp thing"));
        documents.put("log-ingest", service("/logs/things", "listLogThings", "log thing"));
        return merge(documents);
    }

    @Test
    void keepsEveryServicesPathsInOneOpenApi303Document() throws Exception {
        ObjectNode merged = twoServices();
        assertEquals("3.0.3", merged.path("openapi").asText());
        assertTrue(merged.path("paths").has("/ixp/things"));
        assertTrue(merged.path("paths").has("/logs/things"));
        assertEquals("Observatory", merged.at("/info/title").asText());
    }

    @Test
    void namesTheGatewaysPublicUrlAsTheOnlyServer() throws Exception {
        JsonNode servers = twoServices().path("servers");
        assertEquals(1, servers.size());
        assertEquals("https://observatory.example.org", servers.get(0).path("url").asText());
    }

    @Test
    void keepsAComponentThatServicesDeclareAlikeOnce() throws Exception {
        JsonNode schemas = twoServices().path("components").path("schemas");
        assertTrue(schemas.has("Problem"));
        assertFalse(schemas.has("LogIngestProblem"));
        assertEquals("#/components/schemas/Problem",
                twoServices().at("/paths/~1logs~1things/get/responses/400/content/application~1problem+json/schema/$ref").asText());
    }

    @Test
    void renamesAComponentWhoseNameClashesWithOtherContentAndFollowsItsReferences() throws Exception {
        ObjectNode merged = twoServices();
        JsonNode schemas = merged.path("components").path("schemas");
        assertEquals("ixp thing", schemas.path("Thing").path("description").asText());
        assertEquals("log thing", schemas.path("LogIngestThing").path("description").asText());
        // Page is alike by name and text but points at another Thing: it is renamed too.
        assertEquals("#/components/schemas/LogIngestThing", schemas.at("/LogIngestPage/properties/items/items/$ref").asText());
        assertEquals("#/components/schemas/Thing", schemas.at("/Page/properties/items/items/$ref").asText());
        assertEquals("#/components/schemas/LogIngestPage",
                merged.at("/paths/~1logs~1things/get/responses/200/content/application~1json/schema/$ref").asText());
        assertEquals("#/components/schemas/Page",
                merged.at("/paths/~1ixp~1things/get/responses/200/content/application~1json/schema/$ref").asText());
    }

    @Test
    void keepsOperationIdsAsTheServicesNamedThem() throws Exception {
        ObjectNode merged = twoServices();
        assertEquals("listIxpThings", merged.at("/paths/~1ixp~1things/get/operationId").asText());
        assertEquals("listLogThings", merged.at("/paths/~1logs~1things/get/operationId").asText());
    }

    @Test
    void refusesAnOperationIdThatTwoServicesUse() throws Exception {
        Map<String, JsonNode> documents = new LinkedHashMap<>();
        documents.put("ixp-service", service("/ixp/things", "list", "a"));
        documents.put("log-ingest", service("/logs/things", "list", "b"));
        OpenApiMergeException e = assertThrows(OpenApiMergeException.class, () -> merge(documents));
        assertTrue(e.getMessage().contains("'list'"), e.getMessage());
        assertTrue(e.getMessage().contains("GET /logs/things (log-ingest)"), e.getMessage());
        assertTrue(e.getMessage().contains("GET /ixp/things (ixp-service)"), e.getMessage());
    }

    @Test
    void refusesAnOperationIdRepeatedInsideOneService() throws Exception {
        ObjectNode document = (ObjectNode) service("/ixp/things", "list", "a");
        ((ObjectNode) document.path("paths").path("/ixp/things")).set("post", document.at("/paths/~1ixp~1things/get").deepCopy());
        assertThrows(OpenApiMergeException.class, () -> merge(Map.of("ixp-service", document)));
    }

    @Test
    void refusesAnOperationWithoutAnId() throws Exception {
        ObjectNode document = (ObjectNode) service("/ixp/things", "list", "a");
        ((ObjectNode) document.at("/paths/~1ixp~1things/get")).remove("operationId");
        assertThrows(OpenApiMergeException.class, () -> merge(Map.of("ixp-service", document)));
    }

    @Test
    void refusesAPathThatTwoServicesDeclare() throws Exception {
        Map<String, JsonNode> documents = new LinkedHashMap<>();
        documents.put("ixp-service", service("/things", "listA", "a"));
        documents.put("log-ingest", service("/things", "listB", "a"));
        assertThrows(OpenApiMergeException.class, () -> merge(documents));
    }

    @Test
    void tagsEveryOperationWithItsServiceAndListsOneTagPerService() throws Exception {
        ObjectNode merged = twoServices();
        assertEquals("[\"ixp-service\"]", merged.at("/paths/~1ixp~1things/get/tags").toString());
        assertEquals("[\"log-ingest\"]", merged.at("/paths/~1logs~1things/get/tags").toString());
        assertEquals(2, merged.path("tags").size());
        assertEquals("ixp-service", merged.at("/tags/0/name").asText());
        assertEquals("Observatory x: does x", merged.at("/tags/0/description").asText());
    }

    @Test
    void declaresOauth2FlowsAtTheIssuerAndAnHttpBearerInsteadOfTheServicesSchemes() throws Exception {
        JsonNode schemes = twoServices().path("components").path("securitySchemes");
        assertEquals(2, schemes.size(), schemes.toString());
        assertEquals("oauth2", schemes.at("/oauth2/type").asText());
        assertEquals("https://id.example.org/realms/observatory/protocol/openid-connect/token",
                schemes.at("/oauth2/flows/clientCredentials/tokenUrl").asText());
        assertEquals("https://id.example.org/realms/observatory/protocol/openid-connect/auth",
                schemes.at("/oauth2/flows/authorizationCode/authorizationUrl").asText());
        assertTrue(schemes.at("/oauth2/flows/clientCredentials/scopes").has("measurements:write"));
        assertEquals("http", schemes.at("/bearer/type").asText());
        assertEquals("bearer", schemes.at("/bearer/scheme").asText());
    }

    @Test
    void letsAnOperationSecuredByTheServicesOidcSchemeTakeOauth2OrBearer() throws Exception {
        assertEquals("[{\"oauth2\":[\"measurements:write\"]},{\"bearer\":[]}]",
                twoServices().at("/paths/~1ixp~1things/get/security").toString());
    }

    @Test
    void translatesEsmondsApiKeySchemeAndDeclaresItOnlyWhenUsed() throws Exception {
        ObjectNode document = (ObjectNode) service("/esmond/things", "listEsmond", "a");
        ((ObjectNode) document.at("/components/securitySchemes")).putObject("esmond").put("type", "apiKey")
                .put("in", "header").put("name", "Authorization");
        ((ObjectNode) document.at("/paths/~1esmond~1things/get")).set("security",
                mapper.readTree("[{\"SecurityScheme\":[]},{\"esmond\":[]}]"));
        ObjectNode merged = merge(Map.of("perf-archive", document));
        assertEquals("[{\"oauth2\":[]},{\"bearer\":[]},{\"esmondKey\":[]}]",
                merged.at("/paths/~1esmond~1things/get/security").toString());
        assertEquals("apiKey", merged.at("/components/securitySchemes/esmondKey/type").asText());
        assertEquals("Authorization", merged.at("/components/securitySchemes/esmondKey/name").asText());
        assertFalse(twoServices().path("components").path("securitySchemes").has("esmondKey"));
    }

    @Test
    void appliesAServicesDocumentWideSecurityToItsOperations() throws Exception {
        ObjectNode document = (ObjectNode) service("/ixp/things", "list", "a");
        ((ObjectNode) document.at("/paths/~1ixp~1things/get")).remove("security");
        document.set("security", mapper.readTree("[{\"SecurityScheme\":[]}]"));
        ObjectNode merged = merge(Map.of("ixp-service", document));
        assertEquals("[{\"oauth2\":[]},{\"bearer\":[]}]", merged.at("/paths/~1ixp~1things/get/security").toString());
        assertFalse(merged.has("security"));
    }

    @Test
    void leavesTheServicesDocumentsUntouched() throws Exception {
        JsonNode document = service("/ixp/things", "list", "a");
        JsonNode before = document.deepCopy();
        merge(Map.of("ixp-service", document));
        assertEquals(before, document);
    }
}
