package org.observatory.gateway.routing;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;

/**
 * The gateway's own short GETs to the services (readiness, OpenAPI documents), bounded by the health timeout
 * and by a body size, apart from the proxied traffic.
 */
@ApplicationScoped
public class BackendClient {

    /** A backend's answer: its status and, for a 200, its body. */
    public record Answer(int status, Buffer body) {
    }

    private final GatewayConfig config;
    private final HttpClient client;

    public BackendClient(GatewayConfig config, Vertx vertx) {
        this.config = config;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.healthTimeout().toMillis()));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /** GETs {@code path} from {@code base}; fails on a connection error, a timeout or a body over {@code maxBytes}. */
    public Uni<Answer> get(URI base, String path, long maxBytes) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost(base.getHost())
                .setPort(BackendRoutes.port(base)).setURI(path)
                .setTimeout(config.healthTimeout().toMillis());
        return Uni.createFrom().completionStage(() -> client.request(options)
                .compose(request -> request.send())
                .compose(response -> {
                    String length = response.getHeader("Content-Length");
                    if (length != null && Long.parseLong(length) > maxBytes) {
                        response.request().reset();
                        return io.vertx.core.Future.failedFuture("answer over " + maxBytes + " bytes");
                    }
                    return response.body().map(body -> new Answer(response.statusCode(), body));
                })
                .toCompletionStage())
                .invoke(answer -> {
                    if (answer.body().length() > maxBytes) {
                        throw new IllegalStateException("answer over " + maxBytes + " bytes");
                    }
                });
    }
}
