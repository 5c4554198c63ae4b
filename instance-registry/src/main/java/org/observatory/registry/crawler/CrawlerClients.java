package org.observatory.registry.crawler;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.impl.VertxInternal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The crawler's HTTP clients and the event loops its requests run on.
 *
 * <p>{@link #pooled()} keeps connections alive between requests to the same server (a crawl fetches several
 * endpoints of one server, and the next crawl comes back); {@link #fresh()} opens a new connection for every
 * request and closes it after the answer, for the one retry of a request whose kept-alive connection the
 * server closed before answering.
 *
 * <p>All requests to one server run on one event loop ({@link #contextFor}), the one its pooled connections
 * live on: Vert.x then returns a connection to the pool in the same turn in which its answer ends, before the
 * crawler sends the next request to that server, which therefore reuses it.
 */
public final class CrawlerClients {

    private final HttpClient pooled;
    private final HttpClient fresh;
    private final List<Context> contexts;

    private CrawlerClients(HttpClient pooled, HttpClient fresh, List<Context> contexts) {
        this.pooled = pooled;
        this.fresh = fresh;
        this.contexts = List.copyOf(contexts);
    }

    /** Both clients, with at most {@code concurrency} connections per server each. */
    public static CrawlerClients create(Vertx vertx, Duration connectTimeout, int concurrency) {
        PoolOptions pool = new PoolOptions().setHttp1MaxSize(Math.max(2, concurrency));
        List<Context> contexts = new ArrayList<>();
        // Each new context takes the next event loop: one per event loop spreads the servers over all of them.
        for (int i = 0; i < VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE; i++) {
            contexts.add(((VertxInternal) vertx).createEventLoopContext());
        }
        return new CrawlerClients(vertx.createHttpClient(options(connectTimeout).setKeepAlive(true), pool),
                vertx.createHttpClient(options(connectTimeout).setKeepAlive(false), pool), contexts);
    }

    private static HttpClientOptions options(Duration connectTimeout) {
        return new HttpClientOptions()
                .setConnectTimeout((int) connectTimeout.toMillis())
                .setDecompressionSupported(false)
                .setMaxInitialLineLength(4096)
                .setMaxHeaderSize(16384)
                .setVerifyHost(true);
    }

    public HttpClient pooled() {
        return pooled;
    }

    public HttpClient fresh() {
        return fresh;
    }

    /** The context that requests to {@code server} (address and port) run on. */
    public Context contextFor(String server) {
        return contexts.get(Math.floorMod(server.hashCode(), contexts.size()));
    }

    public Future<Void> close() {
        return Future.all(pooled.close(), fresh.close()).mapEmpty();
    }
}
