package org.observatory.perfarchive.pscheduler;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.observatory.common.problem.ProblemException;

/**
 * Group commit: items submitted concurrently are collected for a short window (or until a batch is full) and
 * handed to the writer together; each submitter's answer comes when its batch is written. An item that finds the
 * writers idle and nobody waiting is written at once (a lone run pays no window); while batches are being written,
 * new items wait for company up to the window, or for a free writer, so the busier the archive the larger its batches.
 * Bounded: at most {@code queueLimit} items wait (the next is refused with a 503 and {@code Retry-After}), at most
 * {@code maxInFlight} batches are written at a time, and every answer is awaited at most {@code timeout}.
 * Nothing here blocks: the lock guards a few field updates only, writes start outside it.
 *
 * @param <T> what is submitted
 * @param <R> the answer for one item
 */
final class GroupCommit<T, R> {

    /** Writes one batch; answers one outcome per item, in the batch's order. */
    interface Writer<T, R> extends Function<List<T>, Uni<List<Outcome<R>>>> {
    }

    /** What became of one item: its answer, or the failure that answers it alone. */
    record Outcome<R>(R value, Throwable failure) {
        static <R> Outcome<R> of(R value) {
            return new Outcome<>(value, null);
        }

        static <R> Outcome<R> failed(Throwable failure) {
            return new Outcome<>(null, failure);
        }
    }

    private record Entry<T, R>(T item, CompletableFuture<R> answer) {
    }

    private final Vertx vertx;
    private final Writer<T, R> writer;
    private final long windowMillis;
    private final int maxBatch;
    private final int queueLimit;
    private final int maxInFlight;
    private final Duration timeout;
    private final Duration retryAfter;

    private final ArrayDeque<Entry<T, R>> pending = new ArrayDeque<>();
    private int inFlight;
    /** The window of the oldest waiting item is over: write it as soon as a writer is free. */
    private boolean due;
    private boolean timerSet;
    private boolean closed;

    GroupCommit(Vertx vertx, Writer<T, R> writer, Duration window, int maxBatch, int queueLimit, int maxInFlight,
                Duration timeout, Duration retryAfter) {
        if (maxBatch < 1 || queueLimit < 1 || maxInFlight < 1) {
            throw new IllegalArgumentException("batch size, queue limit and batches in flight must be at least 1");
        }
        this.vertx = vertx;
        this.writer = writer;
        this.windowMillis = window.toMillis();
        this.maxBatch = maxBatch;
        this.queueLimit = queueLimit;
        this.maxInFlight = maxInFlight;
        this.timeout = timeout;
        this.retryAfter = retryAfter;
    }

    /**
     * Queues the item; its answer comes once its batch is written. A full queue or a stopping service is a 503
     * with {@code Retry-After}; so is an answer that takes longer than the timeout (the item may still be written:
     * a retry of it is then answered as such by the writer).
     */
    Uni<R> submit(T item) {
        Entry<T, R> entry = new Entry<>(item, new CompletableFuture<>());
        boolean startTimer = false;
        synchronized (this) {
            if (closed) {
                return Uni.createFrom().failure(ProblemException.unavailable("The archive is stopping; try again", retryAfter));
            }
            if (pending.size() >= queueLimit) {
                return Uni.createFrom().failure(ProblemException.unavailable(
                        "The archive has " + queueLimit + " runs waiting to be stored; try again", retryAfter));
            }
            pending.add(entry);
            if (windowMillis <= 0 || inFlight == 0 && pending.size() == 1) {
                // Nothing is being written: no other run is near, a wait would only add latency.
                due = true;
            } else if (!timerSet && !due) {
                timerSet = startTimer = true;
            }
        }
        if (startTimer) {
            vertx.setTimer(windowMillis, id -> windowOver());
        }
        drain();
        return Uni.createFrom().completionStage(entry.answer)
                .ifNoItem().after(timeout).failWith(() -> ProblemException.unavailable(
                        "Storing the run took longer than " + timeout.toSeconds() + " s; try again", retryAfter));
    }

    private void windowOver() {
        synchronized (this) {
            timerSet = false;
            due = !pending.isEmpty();
        }
        drain();
    }

    /** Starts every batch that may start now: full ones, and any whose window is over, while writers are free. */
    private void drain() {
        while (true) {
            List<Entry<T, R>> batch;
            synchronized (this) {
                if (inFlight >= maxInFlight || pending.isEmpty() || !(due || pending.size() >= maxBatch)) {
                    return;
                }
                batch = new ArrayList<>(Math.min(maxBatch, pending.size()));
                while (batch.size() < maxBatch && !pending.isEmpty()) {
                    batch.add(pending.poll());
                }
                inFlight++;
                // What is left waited at least as long as this batch: it goes once a writer is free.
                due = !pending.isEmpty();
            }
            write(batch);
        }
    }

    private void write(List<Entry<T, R>> batch) {
        Uni<List<Outcome<R>>> written;
        try {
            written = writer.apply(batch.stream().map(Entry::item).toList());
        } catch (RuntimeException e) {
            written = Uni.createFrom().failure(e);
        }
        written.subscribe().with(results -> {
            for (int i = 0; i < batch.size(); i++) {
                Outcome<R> outcome = results.get(i);
                if (outcome.failure() == null) {
                    batch.get(i).answer.complete(outcome.value());
                } else {
                    batch.get(i).answer.completeExceptionally(outcome.failure());
                }
            }
            finished();
        }, failure -> {
            batch.forEach(e -> e.answer.completeExceptionally(failure));
            finished();
        });
    }

    private void finished() {
        synchronized (this) {
            inFlight--;
            if (!pending.isEmpty()) {
                // They waited during the write: no need to wait for more.
                due = true;
            }
            notifyAll();
        }
        drain();
    }

    /**
     * Stops taking items, writes what waits, and waits up to {@code grace} for every batch to be written; whatever
     * is still waiting then is answered with a 503 (never written). Blocks: call it on a shutdown thread only.
     */
    void close(Duration grace) {
        synchronized (this) {
            closed = true;
            due = true;
        }
        drain();
        long end = System.nanoTime() + grace.toNanos();
        List<Entry<T, R>> abandoned = new ArrayList<>();
        synchronized (this) {
            long left;
            while ((!pending.isEmpty() || inFlight > 0) && (left = end - System.nanoTime()) > 0) {
                try {
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            abandoned.addAll(pending);
            pending.clear();
        }
        abandoned.forEach(e -> e.answer.completeExceptionally(
                ProblemException.unavailable("The archive stopped before storing the run; try again", retryAfter)));
    }
}
