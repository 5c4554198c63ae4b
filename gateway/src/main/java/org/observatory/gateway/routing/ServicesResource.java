package org.observatory.gateway.routing;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Comparator;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** What runs behind the gateway, and whether each service says it is ready. */
@Path("/services")
@Produces(MediaType.APPLICATION_JSON)
public class ServicesResource {

    /** One backend as the gateway sees it. */
    public record ServiceState(String name, String url, List<String> paths, boolean ready, int status) {
    }

    private final GatewayConfig config;
    private final BackendClient backends;

    @Inject
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

    private Uni<ServiceState> state(String name, GatewayConfig.Backend backend) {
        return backends.get(backend.url(), "/q/health/ready", 64 * 1024)
                .map(BackendClient.Answer::status)
                .onFailure().recoverWithItem(0)
                .map(status -> new ServiceState(name, backend.url().toString(), backend.paths(), status == 200, status));
    }
}
