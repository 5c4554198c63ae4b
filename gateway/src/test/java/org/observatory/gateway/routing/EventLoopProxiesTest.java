package org.observatory.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.httpproxy.HttpProxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventLoopProxiesTest {

    private Vertx vertx;
    private final List<HttpProxy> created = new ArrayList<>();
    private EventLoopProxies proxies;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        proxies = new EventLoopProxies(() -> {
            HttpProxy proxy = HttpProxy.reverseProxy(vertx.createHttpClient());
            synchronized (created) {
                created.add(proxy);
            }
            return proxy;
        });
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void eachEventLoopForwardsThroughItsOwnProxyAndKeepsIt() throws Exception {
        List<Context> contexts = eventLoopContexts(2);
        Context first = contexts.get(0);
        Context second = contexts.get(1);
        assertNotSame(threadOf(first), threadOf(second), "two contexts on two event loops");

        HttpProxy onFirst = on(first);
        HttpProxy onSecond = on(second);

        assertNotSame(onFirst, onSecond);
        assertSame(onFirst, on(first), "the same event loop gets the same proxy again");
        assertEquals(3, created.size(), "one shared proxy for callers off the event loops, then one per event loop");
    }

    @Test
    void callersOffTheEventLoopsShareOneProxy() {
        HttpProxy here = proxies.current();

        assertSame(here, proxies.current());
        assertSame(created.get(0), here);
        assertEquals(1, created.size());
    }

    private HttpProxy on(Context context) throws Exception {
        CompletableFuture<HttpProxy> proxy = new CompletableFuture<>();
        context.runOnContext(v -> proxy.complete(proxies.current()));
        return proxy.get(10, TimeUnit.SECONDS);
    }

    /** Contexts of verticles deployed side by side: Vert.x puts each instance on the next event loop. */
    private List<Context> eventLoopContexts(int count) throws Exception {
        List<Context> contexts = new CopyOnWriteArrayList<>();
        vertx.deployVerticle(() -> new AbstractVerticle() {
                    @Override
                    public void start() {
                        contexts.add(context);
                    }
                }, new DeploymentOptions().setInstances(count))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return contexts;
    }

    private static Thread threadOf(Context context) throws Exception {
        CompletableFuture<Thread> thread = new CompletableFuture<>();
        context.runOnContext(v -> thread.complete(Thread.currentThread()));
        return thread.get(10, TimeUnit.SECONDS);
    }
}
