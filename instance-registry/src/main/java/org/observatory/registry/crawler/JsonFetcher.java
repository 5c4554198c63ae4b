package org.observatory.registry.crawler;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
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
import java.util.concurrent.atomic.AtomicReference;

/**
 * Fetches one JSON object over HTTP with the crawler's rules: the host is resolved off the event loop and
 * checked by the {@link TargetGuard}, the connection goes to that checked address, only a 2xx answer with a
 * JSON content type and a JSON object body counts, the body is capped while it streams in, the whole fetch
 * has a deadline, and redirects are followed by hand with the same checks at every hop.
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

    private final HttpClient client;
    private final TargetGuard guard;
    private final Duration timeout;
    private final int maxBytes;
    private final int maxRedirects;
    private final String userAgent;

    public JsonFetcher(HttpClient client, TargetGuard guard, Duration timeout, int maxBytes, int maxRedirects,
            String userAgent) {
        this.client = client;
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

    /** One request: a JSON object, a redirect (status and location), or a failure. */
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
        AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
        // Set once the hop has an answer or was given up (timeout): later errors of the reset stream are noise.
        AtomicBoolean settled = new AtomicBoolean();
        Uni<Hop> hop = Uni.createFrom().<Hop>emitter(emitter -> client.request(options).onComplete(opened -> {
            if (opened.failed()) {
                if (settled.compareAndSet(false, true)) {
                    emitter.fail(connectionFailure(opened.cause()));
                }
                return;
            }
            HttpClientRequest request = opened.result();
            sent.set(request);
            request.send().onComplete(answered -> {
                if (answered.failed()) {
                    if (settled.compareAndSet(false, true)) {
                        emitter.fail(connectionFailure(answered.cause()));
                    }
                    return;
                }
                read(request, answered.result(), emitter, settled);
            });
        })).onTermination().invoke((item, failure, cancelled) -> {
            // A timeout cancels the Uni: drop the connection instead of reading on.
            HttpClientRequest request = sent.get();
            settled.set(true);
            if ((cancelled || failure != null) && request != null) {
                request.reset();
            }
        });
        return hop.ifNoItem().after(timeout)
                .failWith(() -> new CrawlFailure(CrawlFailure.TIMEOUT, "No complete answer within " + timeout.toMillis() + " ms"));
    }

    private void read(HttpClientRequest request, HttpClientResponse response,
            io.smallrye.mutiny.subscription.UniEmitter<? super Hop> emitter, AtomicBoolean settled) {
        // Settles once: resetting the request makes the response report an error that nobody needs to hear.
        java.util.function.Consumer<CrawlFailure> fail = failure -> {
            if (settled.compareAndSet(false, true)) {
                request.reset();
                emitter.fail(failure);
            }
        };
        response.exceptionHandler(e -> fail.accept(connectionFailure(e)));
        int status = response.statusCode();
        if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
            String location = response.getHeader("Location");
            if (location == null || location.isBlank()) {
                fail.accept(new CrawlFailure(CrawlFailure.REDIRECT, "Redirect without a location", status));
            } else {
                if (settled.compareAndSet(false, true)) {
                    request.reset();
                    emitter.complete(new Hop(status, location, null));
                }
            }
            return;
        }
        if (status < 200 || status > 299) {
            fail.accept(new CrawlFailure(CrawlFailure.HTTP_STATUS, "HTTP " + status, status));
            return;
        }
        String type = response.getHeader("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).contains("json")) {
            fail.accept(new CrawlFailure(CrawlFailure.NOT_JSON, "Content type " + type + " is not JSON", status));
            return;
        }
        String length = response.getHeader("Content-Length");
        if (length != null && length.chars().allMatch(Character::isDigit) && length.length() < 18
                && Long.parseLong(length) > maxBytes) {
            fail.accept(tooLarge(status));
            return;
        }
        Buffer body = Buffer.buffer();
        response.handler(chunk -> {
            if (settled.get()) {
                return;
            }
            if (body.length() + chunk.length() > maxBytes) {
                fail.accept(tooLarge(status));
                return;
            }
            body.appendBuffer(chunk);
        });
        response.endHandler(done -> {
            if (!settled.compareAndSet(false, true)) {
                return;
            }
            try {
                emitter.complete(new Hop(status, null, new JsonObject(body)));
            } catch (DecodeException | ClassCastException e) {
                emitter.fail(new CrawlFailure(CrawlFailure.NOT_JSON, "The body is not a JSON object", status));
            }
        });
    }

    private CrawlFailure tooLarge(int status) {
        return new CrawlFailure(CrawlFailure.TOO_LARGE, "The answer is larger than " + maxBytes + " bytes", status);
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
