package org.observatory.gateway.routing;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import java.util.Locale;

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
        // Only a chunked body has no declared length to judge up front; a request with neither header has no body.
        if (body == null || body.length() >= 0 || !chunked(context)) {
            return context.sendRequest();
        }
        Promise<ProxyResponse> outcome = Promise.promise();
        // Past the limit the rest of the body is read and dropped, and the 413 goes out once the client has sent it
        // all: a client still writing would otherwise see the connection close under it and never read the answer.
        // One that sends more than another limit's worth gets the 413 at once, and the connection ends with it.
        Counted counted = new Counted(body.stream(), limit,
                () -> outcome.tryComplete(tooLarge(context, false)), () -> outcome.tryComplete(tooLarge(context, true)));
        context.request().setBody(Body.body(counted, -1));
        // Past the limit the backend request is reset; its answer, if any, is not the client's.
        context.sendRequest().onComplete(answer -> {
            if (outcome.future().isComplete() || counted.exceeded) {
                if (answer.succeeded()) {
                    answer.result().release();
                }
            } else if (answer.succeeded()) {
                outcome.tryComplete(answer.result());
            } else {
                outcome.tryFail(answer.cause());
            }
        });
        return outcome.future();
    }

    private static boolean chunked(ProxyContext context) {
        return context.request().proxiedRequest().headers().getAll("Transfer-Encoding").stream()
                .anyMatch(coding -> coding.toLowerCase(Locale.ROOT).contains("chunked"));
    }

    private ProxyResponse tooLarge(ProxyContext context, boolean close) {
        ProxyResponse response = ProxyProblems.response(context, 413, "Payload Too Large",
                "The request body is larger than this service accepts (" + limit + " bytes).");
        return close ? response.putHeader("Connection", "close") : response;
    }

    /** The client's body, passed on until the limit; past it, the rest is read and dropped and the pipe fails. */
    static final class Counted implements ReadStream<Buffer> {
        private final ReadStream<Buffer> source;
        private final long limit;
        private final Runnable onDrained;
        private final Runnable onFlood;
        private long count;
        private long dropped;
        private Handler<Void> endHandler;
        private boolean exceeded;
        private Handler<Buffer> handler;
        private Handler<Throwable> exceptionHandler;

        Counted(ReadStream<Buffer> source, long limit, Runnable onDrained, Runnable onFlood) {
            this.source = source;
            this.limit = limit;
            this.onDrained = onDrained;
            this.onFlood = onFlood;
        }

        private void data(Buffer chunk) {
            if (exceeded) {
                dropped += chunk.length();
                if (dropped > limit) {
                    onFlood.run();
                }
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
            dropped = count - limit;
            source.resume();
            // Fails the pipe to the backend, which then resets the backend request rather than ending it.
            if (exceptionHandler != null) {
                exceptionHandler.handle(new IllegalStateException("request body over " + limit + " bytes"));
            }
        }

        @Override
        public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
            this.exceptionHandler = handler;
            source.exceptionHandler(handler == null ? null : failure -> {
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
            this.endHandler = endHandler;
            // Past the limit the source keeps this end handler whatever the pipe sets: the 413 waits for the end of
            // the body. Otherwise a cleared handler stays cleared: setting one on an ended request throws.
            if (endHandler != null || !exceeded) {
                source.endHandler(endHandler == null ? null : this::end);
            }
            return this;
        }

        private void end(Void nothing) {
            if (exceeded) {
                onDrained.run();
            } else if (endHandler != null) {
                endHandler.handle(nothing);
            }
        }
    }
}
