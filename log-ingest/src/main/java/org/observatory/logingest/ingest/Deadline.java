package org.observatory.logingest.ingest;

import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** A request's time budget: every blocking wait of an ingest takes at most what is left of it. */
final class Deadline {

    /** The budget ran out; the ingest rolls back and answers 503. */
    static final class Expired extends RuntimeException {
        Expired() {
            super("request deadline expired", null, false, false);
        }
    }

    private final long endNanos;

    Deadline(Duration budget) {
        this.endNanos = System.nanoTime() + budget.toNanos();
    }

    Duration remaining() {
        return Duration.ofNanos(endNanos - System.nanoTime());
    }

    void check() {
        if (remaining().isNegative() || remaining().isZero()) {
            throw new Expired();
        }
    }

    <T> T await(Uni<T> uni) {
        check();
        try {
            return uni.await().atMost(remaining());
        } catch (TimeoutException e) {
            throw new Expired();
        }
    }

    <T> T join(CompletableFuture<T> future) {
        check();
        try {
            return future.get(remaining().toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new Expired();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Expired();
        }
    }
}
