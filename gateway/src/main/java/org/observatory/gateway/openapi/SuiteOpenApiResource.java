package org.observatory.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.observatory.common.problem.Problem;
import org.observatory.common.problem.ProblemException;
import org.jboss.logging.Logger;
import org.observatory.gateway.routing.BackendClient;
import org.observatory.gateway.routing.GatewayConfig;

/**
 * The suite's one OpenAPI document: the gateway's own and every service's, merged. A service that does not
 * answer is served from its last good document, or named in the description as missing.
 */
@Path("/openapi")
public class SuiteOpenApiResource {

    private static final Logger LOG = Logger.getLogger(SuiteOpenApiResource.class);
    private static final long MAX_DOCUMENT_BYTES = 4 * 1024 * 1024;
    /** Where the gateway serves its own document ({@code quarkus.smallrye-openapi.path}). */
    static final String OWN_DOCUMENT = "/openapi-gateway";

    private final GatewayConfig config;
    private final BackendClient backends;
    private final ObjectMapper mapper;
    private final Map<String, JsonNode> lastGood = new ConcurrentHashMap<>();
    private final SuiteOpenApiConfig suite;
    private final String version;

    public SuiteOpenApiResource(GatewayConfig config, SuiteOpenApiConfig suite, BackendClient backends, ObjectMapper mapper,
                                @ConfigProperty(name = "quarkus.application.version", defaultValue = "dev") String version) {
        this.config = config;
        this.suite = suite;
        this.version = version;
        this.backends = backends;
        this.mapper = mapper;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getSuiteOpenApi", summary = "The OpenAPI document of the whole suite, merged from every service's",
            description = "The document a client generator takes: every service's operations, one server (the gateway),"
                    + " one set of security schemes.")
    @APIResponse(responseCode = "200", description = "The merged OpenAPI 3.0.3 document",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT, description = "An OpenAPI 3.0.3 document")))
    @APIResponse(responseCode = "500", description = "The services' documents clash (an operation id or a path used twice)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ObjectNode> document(@Context HttpServerRequest request) {
        Map<String, URI> sources = new LinkedHashMap<>();
        // The gateway's own document is public on its main port; each service's is on its management interface.
        sources.put("gateway", URI.create("http://127.0.0.1:" + request.localAddress().port()));
        config.backends().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> sources.put(e.getKey(), e.getValue().managementUrl()));
        return Multi.createFrom().iterable(sources.entrySet())
                .onItem().transformToUniAndConcatenate(e -> fetch(e.getKey(), e.getValue()))
                .collect().asList()
                .map(ignored -> merge(sources.keySet()));
    }

    private ObjectNode merge(Iterable<String> services) {
        Map<String, JsonNode> documents = new LinkedHashMap<>();
        services.forEach(s -> {
            if (lastGood.containsKey(s)) {
                documents.put(s, lastGood.get(s));
            }
        });
        List<String> missing = OpenApiMerger.missing(documents, services);
        SuiteDocumentSettings settings = SuiteDocument.settings(version, suite.publicUrl(), suite.issuer());
        if (!missing.isEmpty()) {
            settings = settings.withDescription(settings.description() + " Not available right now: " + String.join(", ", missing) + ".");
        }
        try {
            return OpenApiMerger.merge(settings, documents);
        } catch (OpenApiMergeException e) {
            // Loud: a client generated from a document with a duplicate id would be wrong in a way nobody sees.
            LOG.errorf("The suite's OpenAPI document cannot be merged: %s", e.getMessage());
            throw new ProblemException(500, "Internal Server Error", "The services' OpenAPI documents clash: " + e.getMessage());
        }
    }

    private Uni<Void> fetch(String service, URI url) {
        String path = "gateway".equals(service) ? OWN_DOCUMENT + "?format=json" : "/q/openapi?format=json";
        return backends.get(url, path, MAX_DOCUMENT_BYTES)
                .map(answer -> {
                    if (answer.status() != 200) {
                        throw new IllegalStateException("status " + answer.status());
                    }
                    try {
                        return mapper.readTree(answer.body().getBytes());
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException("not JSON: " + e.getMessage());
                    }
                })
                .invoke(document -> lastGood.put(service, document))
                .onFailure().invoke(e -> LOG.warnf("OpenAPI document of %s not available: %s", service, e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
