package org.observatory.gateway.routing;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.streams.ReadStream;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import java.net.URI;
import java.util.List;
import org.observatory.common.problem.Problem;

/**
 * Holds a body sent without {@code Content-Length} (chunked) to its backend's limit while it streams: once past it,
 * nothing more is forwarded, the backend request is reset (so the backend never takes a cut-off body for a whole
 * one) and the client gets a 413 problem. Declared lengths are judged before this (BackendRoutes). Counting here,
 * rather than waiting for the backend's own 413, means the backend never hangs up mid-upload, which left the proxy
 * with a 502 or an empty answer.
 */
final class StreamedBodyLimit implements ProxyInterceptor {

    private final long limit;

    StreamedBodyLimit(long limit) {
        this.limit = limit;
    }

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        Body body = context.request().getBody();
        if (body == null || body.length() >= 0) {
            return context.sendRequest();
        }
        Counted counted = new Counted(body.stream(), limit);
        context.request().setBody(Body.body(counted, -1));
        return context.sendRequest().recover(failure -> {
            if (!counted.exceeded) {
                return Future.failedFuture(failure);
            }
            Problem problem = new Problem(URI.create("about:blank"), "Payload Too Large", 413,
                    "The request body is larger than this service accepts (" + limit + " bytes).",
                    context.request().proxiedRequest().path(), List.of());
            // The client may still be sending: the connection ends with this answer.
            return Future.succeededFuture(context.request().response().setStatusCode(413)
                    .putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .putHeader("Connection", "close")
                    .setBody(Body.body(Buffer.buffer(Json.encode(problem)))));
        });
    }

    /** The client's body, passed on until the limit; past it, the rest is read and dropped and the pipe fails. */
    private static final class Counted implements ReadStream<Buffer> {
        private final ReadStream<Buffer> source;
        private final long limit;
        private long count;
        private boolean exceeded;
        private Handler<Buffer> handler;
        private Handler<Throwable> exceptionHandler;

        Counted(ReadStream<Buffer> source, long limit) {
            this.source = source;
            this.limit = limit;
        }

        private void data(Buffer chunk) {
            if (exceeded) {
                return;
            }
            count += chunk.length();
            if (count <= limit) {
                if (handler != null) {
                    handler.handle(chunk);
                }
                return;
            }
            exceeded = true;
            // Keep reading what the client still sends (dropped), so that it gets to read the 413.
            source.resume();
            if (exceptionHandler != null) {
                exceptionHandler.handle(new IllegalStateException("request body over " + limit + " bytes"));
            }
        }

        @Override
        public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
            this.exceptionHandler = handler;
            source.exceptionHandler(failure -> {
                if (!exceeded && exceptionHandler != null) {
                    exceptionHandler.handle(failure);
                }
            });
            return this;
        }

        @Override
        public ReadStream<Buffer> handler(Handler<Buffer> handler) {
            this.handler = handler;
            // Past the limit the source keeps its dropping handler, whatever the pipe sets.
            if (handler != null || !exceeded) {
                source.handler(handler == null ? null : this::data);
            }
            return this;
        }

        @Override
        public ReadStream<Buffer> pause() {
            if (!exceeded) {
                source.pause();
            }
            return this;
        }

        @Override
        public ReadStream<Buffer> resume() {
            source.resume();
            return this;
        }

        @Override
        public ReadStream<Buffer> fetch(long amount) {
            source.fetch(amount);
            return this;
        }

        @Override
        public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
            source.endHandler(end -> {
                if (!exceeded && endHandler != null) {
                    endHandler.handle(end);
                }
            });
            return this;
        }
    }
}
