package org.observatory.registry.crawler;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Fetches one JSON object over HTTP with the crawler's rules: the host is resolved off the event loop and
 * checked by the {@link TargetGuard}, the connection goes to that checked address, only a 2xx answer with a
 * JSON content type and a JSON object body counts, the body is capped while it streams in, the whole fetch
 * has a deadline, and redirects are followed by hand with the same checks at every hop.
 *
 * <p>Connections are kept alive: the body of an answer that does not count (a redirect, an error page) is read
 * to its end and dropped, so the connection serves the next endpoint or hop; a request is reset (closing its
 * connection) only while its body is still arriving, when it outgrows the cap or the deadline passes.
 *
 * <p>It uses Vert.x's core HTTP client (under the WebClient) because the WebClient buffers a whole body
 * before a size check could run.
 */
public final class JsonFetcher {

    /** A fetched object, with the address the first hop connected to (for geolocation). */
    public record Fetched(JsonObject json, InetAddress address) {
    }

    private record Hop(int status, String location, JsonObject json) {
    }

    private final CrawlerClients clients;
    private final TargetGuard guard;
    private final Duration timeout;
    private final int maxBytes;
    private final int maxRedirects;
    private final String userAgent;

    public JsonFetcher(CrawlerClients clients, TargetGuard guard, Duration timeout, int maxBytes, int maxRedirects,
            String userAgent) {
        this.clients = clients;
        this.guard = guard;
        this.timeout = timeout;
        this.maxBytes = maxBytes;
        this.maxRedirects = maxRedirects;
        this.userAgent = userAgent;
    }

    public Uni<Fetched> fetch(String url, Map<String, String> headers) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Uni.createFrom().failure(new CrawlFailure(CrawlFailure.CONNECTION, "Malformed URL " + url));
        }
        return follow(uri, headers, 0, null);
    }

    private Uni<Fetched> follow(URI uri, Map<String, String> headers, int redirects, InetAddress first) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || uri.getRawUserInfo() != null) {
            return Uni.createFrom().failure(new CrawlFailure(CrawlFailure.REDIRECT, "Refused to follow to " + uri));
        }
        return Uni.createFrom().item(() -> guard.resolve(uri.getHost()))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .flatMap(address -> hop(uri, address, headers)
                        .flatMap(hop -> {
                            InetAddress firstAddress = first == null ? address : first;
                            if (hop.json() != null) {
                                return Uni.createFrom().item(new Fetched(hop.json(), firstAddress));
                            }
                            if (redirects >= maxRedirects) {
                                return Uni.createFrom().failure(new CrawlFailure(CrawlFailure.REDIRECT,
                                        "More than " + maxRedirects + " redirects", hop.status()));
                            }
                            URI next;
                            try {
                                next = uri.resolve(new URI(hop.location()));
                            } catch (URISyntaxException | IllegalArgumentException e) {
                                return Uni.createFrom().failure(new CrawlFailure(CrawlFailure.REDIRECT,
                                        "Malformed redirect location " + hop.location(), hop.status()));
                            }
                            return follow(next, headers, redirects + 1, firstAddress);
                        }));
    }

    /**
     * One hop: a JSON object, a redirect (status and location), or a failure, within the deadline. A request
     * whose connection closed before any answer (typically a kept-alive connection the server closed as the
     * request went out) is sent once more on a fresh connection.
     */
    private Uni<Hop> hop(URI uri, InetAddress address, Map<String, String> headers) {
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80;
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
                .setHost(uri.getHost())
                .setPort(port)
                .setSsl(https)
                .setURI(path)
                .setFollowRedirects(false)
                .setIdleTimeout(timeout.toMillis());
        headers.forEach(options::putHeader);
        options.putHeader("User-Agent", userAgent);
        Context context = clients.contextFor(address.getHostAddress() + " " + port);
        return exchange(clients.pooled(), context, options)
                .onFailure(NoAnswer.class).recoverWithUni(() -> exchange(clients.fresh(), context, options)
                        .onFailure(NoAnswer.class).transform(failure -> new CrawlFailure(CrawlFailure.CONNECTION,
                                failure.getMessage() + " (also on a fresh connection)")))
                .ifNoItem().after(timeout)
                .failWith(() -> new CrawlFailure(CrawlFailure.TIMEOUT, "No complete answer within " + timeout.toMillis() + " ms"));
    }

    /** One request on a connection of {@code client}; given up (the deadline passed) it resets the request. */
    private Uni<Hop> exchange(HttpClient client, Context context, RequestOptions options) {
        Exchange exchange = new Exchange();
        return Uni.createFrom().<Hop>emitter(emitter -> {
            exchange.emitter = emitter;
            // The request takes the context it is made on: the server's, where its connections live.
            context.runOnContext(v -> client.request(options).onComplete(opened -> {
                if (opened.failed()) {
                    // A pooled connection can close between its lease and the request; a new one failing to
                    // connect would fail again.
                    Throwable cause = opened.cause();
                    exchange.settle(failing(cause instanceof HttpClosedException ? noAnswer(cause) : connectionFailure(cause)));
                    return;
                }
                HttpClientRequest request = opened.result();
                if (!exchange.started(request)) {
                    // Given up before the request went out: free its connection.
                    request.reset();
                    return;
                }
                request.send().onComplete(answered -> {
                    if (answered.failed()) {
                        exchange.over(noAnswer(answered.cause()));
                    } else {
                        read(exchange, answered.result());
                    }
                });
            }));
        }).onCancellation().invoke(exchange::abandon);
    }

    /**
     * Reads an answer. Only a 2xx JSON answer keeps its body; the body of any other answer (a redirect, a 403,
     * an HTML page) is read to its end and dropped, so that its connection goes back to the pool for the next
     * request. A body is cut (the request reset, which closes its connection) only when it exceeds the size cap.
     */
    private void read(Exchange exchange, HttpClientResponse response) {
        response.exceptionHandler(e -> exchange.over(connectionFailure(e)));
        int status = response.statusCode();
        Supplier<Hop> outcome = refusal(response);
        String length = response.getHeader("Content-Length");
        boolean declaredTooLarge = length != null && length.chars().allMatch(Character::isDigit) && length.length() < 18
                && Long.parseLong(length) > maxBytes;
        if (outcome != null) {
            if (declaredTooLarge) {
                exchange.cut(outcome);
                return;
            }
            long[] drained = {0};
            response.handler(chunk -> {
                drained[0] += chunk.length();
                if (drained[0] > maxBytes) {
                    exchange.cut(outcome);
                }
            });
            response.endHandler(done -> exchange.answered(outcome));
            return;
        }
        Supplier<Hop> tooLarge = () -> {
            throw tooLarge(status);
        };
        if (declaredTooLarge) {
            exchange.cut(tooLarge);
            return;
        }
        Buffer body = Buffer.buffer();
        response.handler(chunk -> {
            if (exchange.cutOff()) {
                return;
            }
            if (body.length() + chunk.length() > maxBytes) {
                exchange.cut(tooLarge);
                return;
            }
            body.appendBuffer(chunk);
        });
        response.endHandler(done -> exchange.answered(() -> {
            try {
                return new Hop(status, null, new JsonObject(body));
            } catch (DecodeException | ClassCastException e) {
                throw new CrawlFailure(CrawlFailure.NOT_JSON, "The body is not a JSON object", status);
            }
        }));
    }

    /** What an answer whose body is not wanted amounts to (a redirect or a failure); null for a 2xx JSON one. */
    private static Supplier<Hop> refusal(HttpClientResponse response) {
        int status = response.statusCode();
        if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
            String location = response.getHeader("Location");
            if (location == null || location.isBlank()) {
                return failing(new CrawlFailure(CrawlFailure.REDIRECT, "Redirect without a location", status));
            }
            Hop redirect = new Hop(status, location, null);
            return () -> redirect;
        }
        if (status < 200 || status > 299) {
            return failing(new CrawlFailure(CrawlFailure.HTTP_STATUS, "HTTP " + status, status));
        }
        String type = response.getHeader("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).contains("json")) {
            return failing(new CrawlFailure(CrawlFailure.NOT_JSON, "Content type " + type + " is not JSON", status));
        }
        return null;
    }

    private static Supplier<Hop> failing(CrawlFailure failure) {
        return () -> {
            throw failure;
        };
    }

    /**
     * The state of one request, touched from the event loop and from the deadline's timer. The request is reset
     * only while its answer is still arriving: a reset after the answer's end would close a connection that
     * Vert.x has already given back to the pool, under the next request that takes it.
     */
    private static final class Exchange {
        private static final int WAITING = 0;
        private static final int SENT = 1;
        private static final int OVER = 2;
        private static final int CUT = 3;

        private final AtomicInteger state = new AtomicInteger(WAITING);
        private final AtomicBoolean settled = new AtomicBoolean();
        private volatile HttpClientRequest request;
        private volatile UniEmitter<? super Hop> emitter;

        /** False when the exchange was given up before the request could be sent. */
        boolean started(HttpClientRequest opened) {
            request = opened;
            return state.compareAndSet(WAITING, SENT);
        }

        boolean cutOff() {
            return state.get() == CUT;
        }

        /** The answer has fully arrived: settle once Vert.x has put the connection back into the pool. */
        void answered(Supplier<Hop> outcome) {
            if (!state.compareAndSet(SENT, OVER)) {
                return;
            }
            Context context = Vertx.currentContext();
            if (context == null) {
                settle(outcome);
            } else {
                // Runs after this turn, in which Vert.x also returns the connection to the pool.
                context.runOnContext(v -> settle(outcome));
            }
        }

        /** The connection failed: nothing is left to read or reset. */
        void over(CrawlFailure failure) {
            if (state.compareAndSet(SENT, OVER)) {
                settle(failing(failure));
            }
        }

        /** Stops a body that is still arriving (too large). */
        void cut(Supplier<Hop> outcome) {
            if (state.compareAndSet(SENT, CUT)) {
                request.reset();
            }
            settle(outcome);
        }

        /** The deadline passed: a request still waiting for (the rest of) its answer is reset. */
        void abandon() {
            if (state.compareAndSet(SENT, CUT)) {
                request.reset();
            } else {
                state.compareAndSet(WAITING, CUT);
            }
            settled.set(true);
        }

        void settle(Supplier<Hop> outcome) {
            if (!settled.compareAndSet(false, true)) {
                return;
            }
            Hop hop;
            try {
                hop = outcome.get();
            } catch (CrawlFailure failure) {
                emitter.fail(failure);
                return;
            }
            emitter.complete(hop);
        }
    }

    private CrawlFailure tooLarge(int status) {
        return new CrawlFailure(CrawlFailure.TOO_LARGE, "The answer is larger than " + maxBytes + " bytes", status);
    }

    /** A failure before any answer: on a kept-alive connection, worth one more try on a fresh one. */
    private static CrawlFailure noAnswer(Throwable cause) {
        CrawlFailure failure = connectionFailure(cause);
        return failure.reason().equals(CrawlFailure.CONNECTION) ? new NoAnswer(failure.getMessage()) : failure;
    }

    /** The connection closed or broke after the request went out and before any answer. */
    private static final class NoAnswer extends CrawlFailure {
        NoAnswer(String message) {
            super(CrawlFailure.CONNECTION, message);
        }
    }

    private static CrawlFailure connectionFailure(Throwable cause) {
        if (cause instanceof CrawlFailure failure) {
            return failure;
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        if (cause instanceof io.netty.handler.timeout.TimeoutException
                || cause instanceof java.util.concurrent.TimeoutException
                || message.toLowerCase(Locale.ROOT).contains("timeout")
                || message.toLowerCase(Locale.ROOT).contains("timed out")) {
            return new CrawlFailure(CrawlFailure.TIMEOUT, message);
        }
        return new CrawlFailure(CrawlFailure.CONNECTION, message);
    }
}
