package org.observatory.gateway.routing;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.observatory.common.problem.ProblemException;

/**
 * What runs behind the gateway, and whether each service says it is ready. Anonymous, so it names services and
 * their public path prefixes only: no backend addresses.
 */
@Path("/services")
@Produces(MediaType.APPLICATION_JSON)
public class ServicesResource {

    private static final long MAX_DOCUMENT_BYTES = 4 * 1024 * 1024;

    /** One backend as the gateway sees it: its readiness and the status its management interface answered. */
    public record ServiceState(String name, List<String> paths, boolean ready, int status) {
    }

    private final GatewayConfig config;
    private final BackendClient backends;

    public ServicesResource(GatewayConfig config, BackendClient backends) {
        this.config = config;
        this.backends = backends;
    }

    @GET
    @Operation(operationId = "listServices", summary = "The services behind the gateway with their readiness")
    @APIResponse(responseCode = "200", description = "Every backend, by name")
    public Uni<List<ServiceState>> services() {
        return Multi.createFrom().iterable(config.backends().entrySet())
                .onItem().transformToUniAndMerge(e -> state(e.getKey(), e.getValue()))
                .collect().asList()
                .map(states -> states.stream().sorted(Comparator.comparing(ServiceState::name)).toList());
    }

    @GET
    @Path("{name}/openapi")
    @Operation(operationId = "getServiceOpenApi", summary = "One service's own OpenAPI document, read from its management interface")
    @APIResponse(responseCode = "200", description = "The service's OpenAPI 3.0.3 document", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT, description = "An OpenAPI 3.0.3 document")))
    @APIResponse(responseCode = "404", description = "No service has that name")
    @APIResponse(responseCode = "502", description = "The service did not answer")
    public Uni<Response> openApi(@PathParam("name") @Parameter(description = "The service's name, as /services lists it",
            example = "perf-archive") String name) {
        GatewayConfig.Backend backend = config.backends().get(name);
        if (backend == null) {
            throw ProblemException.notFound("No service is named '" + name + "'.");
        }
        return backends.get(backend.managementUrl(), "/q/openapi?format=json", MAX_DOCUMENT_BYTES)
                .onFailure().transform(e -> new ProblemException(502, "Bad Gateway", "The " + name + " service did not answer."))
                .map(answer -> {
                    if (answer.status() != 200) {
                        throw new ProblemException(502, "Bad Gateway", "The " + name + " service answered " + answer.status() + ".");
                    }
                    return Response.ok(answer.body().getBytes(), MediaType.APPLICATION_JSON).build();
                });
    }

    private Uni<ServiceState> state(String name, GatewayConfig.Backend backend) {
        return backends.get(backend.managementUrl(), "/q/health/ready", 64 * 1024)
                .map(BackendClient.Answer::status)
                .onFailure().recoverWithItem(0)
                .map(status -> new ServiceState(name, backend.paths(), status == 200, status));
    }
}
