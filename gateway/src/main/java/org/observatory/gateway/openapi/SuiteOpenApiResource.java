package org.observatory.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
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

    @ConfigProperty(name = "quarkus.application.version", defaultValue = "dev")
    String version;

    @ConfigProperty(name = "quarkus.oidc.auth-server-url")
    String issuer;

    @Inject
    public SuiteOpenApiResource(GatewayConfig config, BackendClient backends, ObjectMapper mapper) {
        this.config = config;
        this.backends = backends;
        this.mapper = mapper;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The OpenAPI document of the whole suite, merged from every service's")
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
        ObjectNode info = mapper.createObjectNode()
                .put("title", "Observatory")
                .put("version", version)
                .put("description", "Every service of the Observatory suite, reached through the gateway."
                        + (missing.isEmpty() ? "" : " Not available right now: " + String.join(", ", missing) + "."));
        String discovery = issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration";
        return OpenApiMerger.merge(info, documents, discovery);
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
