package org.observatory.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.Pipe;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class StreamedBodyLimitTest {

    @Test
    void aBodyUnderTheLimitPassesWholeAndLeavesNoHandlerOnTheEndedRequest() {
        RequestBody request = new RequestBody();
        Collected backend = new Collected();
        AtomicBoolean piped = new AtomicBoolean();
        StreamedBodyLimit.Counted counted = new StreamedBodyLimit.Counted(request, 10, () -> { }, () -> { });

        counted.pipeTo(backend, done -> piped.set(done.succeeded()));
        request.send("hello ");
        request.send("you");
        request.end();

        assertTrue(piped.get());
        assertEquals("hello you", backend.body.toString());
        assertTrue(backend.ended);
        assertNull(request.endHandler, "the pipe's end handler is cleared, not replaced");
        assertEquals(0, request.handlersSetAfterEnd, "Vert.x throws (and the pipe swallows) for each of these");
    }

    @Test
    void aBodyOverTheLimitStopsAtItAndIsReportedOnceDrained() {
        RequestBody request = new RequestBody();
        Collected backend = new Collected();
        AtomicBoolean drained = new AtomicBoolean();
        AtomicBoolean piped = new AtomicBoolean(true);
        StreamedBodyLimit.Counted counted = new StreamedBodyLimit.Counted(request, 4, () -> drained.set(true), () -> { });

        // As the proxy pipes a request body: a failed pipe leaves the backend request unended, to be reset.
        Pipe<Buffer> pipe = counted.pipe();
        pipe.endOnFailure(false);
        pipe.to(backend, done -> piped.set(done.succeeded()));
        request.send("abc");
        request.send("defg");
        request.end();

        assertEquals(false, piped.get(), "the pipe to the backend fails, so the backend request is reset");
        assertEquals("abc", backend.body.toString());
        assertEquals(false, backend.ended);
        assertTrue(drained.get());
    }

    /** A request body as Vert.x's server request treats it: setting an end handler once it has ended throws. */
    private static final class RequestBody implements ReadStream<Buffer> {
        private Handler<Buffer> handler;
        private Handler<Void> endHandler;
        private boolean ended;
        private int handlersSetAfterEnd;

        void send(String text) {
            if (handler != null) {
                handler.handle(Buffer.buffer(text));
            }
        }

        void end() {
            ended = true;
            if (endHandler != null) {
                endHandler.handle(null);
            }
        }

        @Override
        public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
            if (endHandler != null && ended) {
                handlersSetAfterEnd++;
                throw new IllegalStateException("Request has already been read");
            }
            this.endHandler = endHandler;
            return this;
        }

        @Override
        public ReadStream<Buffer> handler(Handler<Buffer> handler) {
            this.handler = handler;
            return this;
        }

        @Override
        public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
            return this;
        }

        @Override
        public ReadStream<Buffer> pause() {
            return this;
        }

        @Override
        public ReadStream<Buffer> resume() {
            return this;
        }

        @Override
        public ReadStream<Buffer> fetch(long amount) {
            return this;
        }
    }

    /** The backend request: collects what is written. */
    private static final class Collected implements WriteStream<Buffer> {
        private final Buffer body = Buffer.buffer();
        private boolean ended;

        @Override
        public Future<Void> write(Buffer data) {
            body.appendBuffer(data);
            return Future.succeededFuture();
        }

        @Override
        public void write(Buffer data, Handler<AsyncResult<Void>> handler) {
            body.appendBuffer(data);
            handler.handle(Future.succeededFuture());
        }

        @Override
        public void end(Handler<AsyncResult<Void>> handler) {
            ended = true;
            handler.handle(Future.succeededFuture());
        }

        @Override
        public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
            return this;
        }

        @Override
        public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
            return this;
        }

        @Override
        public boolean writeQueueFull() {
            return false;
        }

        @Override
        public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
            return this;
        }
    }
}
