package org.observatory.gateway.routing;

import io.vertx.core.Context;
import io.vertx.httpproxy.HttpProxy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One proxy, with its own client and connection pool, per event loop. A pooled connection does its I/O on the event
 * loop that opened it, and Vert.x 4's pool lends any free connection to any caller: with one pool shared by every
 * event loop, most proxied requests would cross to another thread and back. Here a request is forwarded on
 * connections of the event loop it arrived on.
 */
final class EventLoopProxies {

    private final Supplier<HttpProxy> factory;
    // Keyed by event-loop thread: a fixed set, so this never grows past the number of event loops.
    private final Map<Thread, HttpProxy> byEventLoop = new ConcurrentHashMap<>();
    private final HttpProxy offEventLoop;

    EventLoopProxies(Supplier<HttpProxy> factory) {
        this.factory = factory;
        this.offEventLoop = factory.get();
    }

    /** The proxy of the calling event loop (created on first use), or a shared one when called from elsewhere. */
    HttpProxy current() {
        if (!Context.isOnEventLoopThread()) {
            return offEventLoop;
        }
        return byEventLoop.computeIfAbsent(Thread.currentThread(), thread -> factory.get());
    }
}
