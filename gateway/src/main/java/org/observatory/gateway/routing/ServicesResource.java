package org.observatory.gateway.routing;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** What runs behind the gateway, and whether each service says it is ready. */
@Path("/services")
@Produces(MediaType.APPLICATION_JSON)
public class ServicesResource {

    /** One backend as the gateway sees it. */
    public record ServiceState(String name, String url, List<String> paths, boolean ready, int status) {
    }

    private final GatewayConfig config;
    private final HttpClient client;

    @Inject
    public ServicesResource(GatewayConfig config, Vertx vertx) {
        this.config = config;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.healthTimeout().toMillis()));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    @GET
    @Operation(summary = "The services behind the gateway with their readiness")
    public Uni<List<ServiceState>> services() {
        return Multi.createFrom().iterable(config.backends().entrySet())
                .onItem().transformToUniAndMerge(e -> state(e.getKey(), e.getValue()))
                .collect().asList()
                .map(states -> states.stream().sorted(Comparator.comparing(ServiceState::name)).toList());
    }

    private Uni<ServiceState> state(String name, GatewayConfig.Backend backend) {
        URI url = backend.url();
        RequestOptions ready = new RequestOptions().setMethod(HttpMethod.GET).setHost(url.getHost())
                .setPort(BackendRoutes.port(url)).setURI("/q/health/ready")
                .setTimeout(config.healthTimeout().toMillis());
        return Uni.createFrom().completionStage(() -> client.request(ready)
                        .compose(request -> request.send())
                        .map(response -> response.statusCode())
                        .toCompletionStage())
                .onFailure().recoverWithItem(0)
                .map(status -> new ServiceState(name, url.toString(), backend.paths(), status == 200, status));
    }
}
