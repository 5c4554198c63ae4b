package org.observatory.perfarchive.pscheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.observatory.common.problem.ProblemException;
import org.observatory.perfarchive.pscheduler.GroupCommit.Outcome;

/** The queue of group commit alone: batching, its bound and its stop, with a writer the test completes by hand. */
class GroupCommitTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Vertx vertx = Vertx.vertx();
    /** Batches handed to the writer, each with the future that completes its write. */
    private final List<List<String>> batches = new CopyOnWriteArrayList<>();
    private final List<CompletableFuture<Void>> writes = new CopyOnWriteArrayList<>();
    /** When set, writes complete at once. */
    private volatile boolean immediate;

    @AfterEach
    void close() {
        vertx.close();
    }

    private Uni<List<Outcome<String>>> write(List<String> batch) {
        batches.add(batch);
        CompletableFuture<Void> done = new CompletableFuture<>();
        writes.add(done);
        if (immediate) {
            done.complete(null);
        }
        return Uni.createFrom().completionStage(done).map(v -> batch.stream()
                .map(item -> item.startsWith("bad") ? Outcome.<String>failed(new IllegalStateException(item))
                        : Outcome.of("stored " + item)).toList());
    }

    private GroupCommit<String, String> queue(Duration window, int maxBatch, int queueLimit, int inFlight) {
        return new GroupCommit<>(vertx, this::write, window, maxBatch, queueLimit, inFlight, Duration.ofMinutes(1),
                Duration.ofSeconds(7));
    }

    private static <T> CompletableFuture<T> start(Uni<T> uni) {
        return uni.subscribeAsCompletionStage();
    }

    @Test
    void aLoneRunIsWrittenAtOnceWithoutWaitingForTheWindow() throws Exception {
        immediate = true;
        GroupCommit<String, String> queue = queue(Duration.ofHours(1), 64, 100, 1);
        assertEquals("stored a", queue.submit("a").await().atMost(WAIT));
        assertEquals(List.of(List.of("a")), batches);
    }

    @Test
    void runsArrivingWhileOneIsWrittenAreCollectedUntilTheirBatchIsFull() throws Exception {
        GroupCommit<String, String> queue = queue(Duration.ofHours(1), 3, 100, 2);
        start(queue.submit("first"));
        immediate = true;
        List<CompletableFuture<String>> answers = new ArrayList<>();
        for (String item : List.of("a", "b", "c")) {
            answers.add(start(queue.submit(item)));
        }
        for (int i = 0; i < 3; i++) {
            assertEquals("stored " + List.of("a", "b", "c").get(i), answers.get(i).get(30, TimeUnit.SECONDS));
        }
        assertEquals(List.of(List.of("first"), List.of("a", "b", "c")), batches);
    }

    @Test
    void aRunWaitingForCompanyIsWrittenWhenTheWindowIsOver() throws Exception {
        GroupCommit<String, String> queue = queue(Duration.ofMillis(5), 64, 100, 2);
        start(queue.submit("first"));
        immediate = true;
        assertEquals("stored a", queue.submit("a").await().atMost(WAIT));
        assertEquals(List.of(List.of("first"), List.of("a")), batches);
    }

    @Test
    void runsArrivingWhileABatchIsWrittenGoTogetherInTheNext() throws Exception {
        GroupCommit<String, String> queue = queue(Duration.ZERO, 64, 100, 1);
        CompletableFuture<String> a = start(queue.submit("a"));
        CompletableFuture<String> b = start(queue.submit("b"));
        CompletableFuture<String> c = start(queue.submit("c"));
        assertEquals(List.of(List.of("a")), batches);
        writes.get(0).complete(null);
        assertEquals("stored a", a.get(30, TimeUnit.SECONDS));
        writes.get(1).complete(null);
        assertEquals("stored b", b.get(30, TimeUnit.SECONDS));
        assertEquals("stored c", c.get(30, TimeUnit.SECONDS));
        assertEquals(List.of(List.of("a"), List.of("b", "c")), batches);
    }

    @Test
    void aFailedItemFailsAloneInItsBatch() throws Exception {
        immediate = true;
        GroupCommit<String, String> queue = queue(Duration.ofMinutes(1), 3, 100, 1);
        CompletableFuture<String> a = start(queue.submit("a"));
        CompletableFuture<String> bad = start(queue.submit("bad"));
        CompletableFuture<String> c = start(queue.submit("c"));
        assertEquals("stored a", a.get(30, TimeUnit.SECONDS));
        assertEquals("stored c", c.get(30, TimeUnit.SECONDS));
        Throwable failure = bad.handle((ok, e) -> e).get(30, TimeUnit.SECONDS);
        assertInstanceOf(IllegalStateException.class, failure);
    }

    @Test
    void aFullQueueAnswers503WithRetryAfter() throws Exception {
        GroupCommit<String, String> queue = queue(Duration.ZERO, 1, 1, 1);
        CompletableFuture<String> a = start(queue.submit("a"));
        CompletableFuture<String> b = start(queue.submit("b"));
        Throwable refused = start(queue.submit("c")).handle((ok, e) -> e).get(30, TimeUnit.SECONDS);
        ProblemException problem = assertInstanceOf(ProblemException.class, refused);
        assertEquals(503, problem.status());
        assertEquals(7, problem.retryAfterSeconds());
        // Once the queue moves, it takes runs again.
        immediate = true;
        writes.get(0).complete(null);
        assertEquals("stored a", a.get(30, TimeUnit.SECONDS));
        assertEquals("stored b", b.get(30, TimeUnit.SECONDS));
        assertEquals("stored d", queue.submit("d").await().atMost(WAIT));
    }

    @Test
    void stoppingWritesWhatWaitsAndRefusesWhatComesAfter() throws Exception {
        GroupCommit<String, String> queue = queue(Duration.ofHours(1), 64, 100, 2);
        // One write that never ends keeps the queue busy: the next run waits for company (an hour).
        start(queue.submit("held"));
        CompletableFuture<String> b = start(queue.submit("b"));
        assertEquals(List.of(List.of("held")), batches);
        immediate = true;
        queue.close(Duration.ofMillis(1));
        assertEquals("stored b", b.get(30, TimeUnit.SECONDS));
        Throwable refused = start(queue.submit("c")).handle((ok, e) -> e).get(30, TimeUnit.SECONDS);
        assertEquals(503, assertInstanceOf(ProblemException.class, refused).status());
    }

    @Test
    void stoppingAnswers503ToWhatCouldNotBeWrittenInTime() throws Exception {
        GroupCommit<String, String> queue = queue(Duration.ZERO, 1, 100, 1);
        CompletableFuture<String> a = start(queue.submit("a"));
        CompletableFuture<String> b = start(queue.submit("b"));
        // a's write never ends: b cannot be written before the grace time is over.
        queue.close(Duration.ofMillis(1));
        Throwable abandoned = b.handle((ok, e) -> e).get(30, TimeUnit.SECONDS);
        assertEquals(503, assertInstanceOf(ProblemException.class, abandoned).status());
        assertNull(a.getNow(null));
        assertEquals(List.of(List.of("a")), batches);
    }
}
