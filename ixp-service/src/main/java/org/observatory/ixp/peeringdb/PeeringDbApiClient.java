package org.observatory.ixp.peeringdb;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.observatory.ixp.IxpConfig;
import org.observatory.ixp.peeringdb.PeeringDbPageFetcher.PeeringDbRefusedException;

/**
 * Every object of a type from PeeringDB's API, page by page ({@code limit}/{@code skip}); each page comes through
 * {@link PeeringDbPageFetcher}, which retries it. A page that cannot be had fails the whole fetch.
 */
@ApplicationScoped
public class PeeringDbApiClient {

    private final PeeringDbPageFetcher pages;
    private final int pageSize;

    public PeeringDbApiClient(PeeringDbPageFetcher pages, IxpConfig config) {
        this.pages = pages;
        this.pageSize = config.peeringdb().pageSize();
    }

    /** Counts of one fetch, for the run report. */
    public static final class Counters {
        public final AtomicInteger requests = new AtomicInteger();
        public final AtomicInteger retries = new AtomicInteger();
    }

    /**
     * Fetches every object of {@code type} (changed since {@code since} when given), page by page, into
     * {@code reader}; returns how many objects came.
     */
    public Uni<Integer> fetchAll(String type, LocalDate since, PeeringDbJsonReader reader, Counters counters) {
        return page(type, since, 0, 0, reader, counters);
    }

    private Uni<Integer> page(String type, LocalDate since, int skip, int total, PeeringDbJsonReader reader,
            Counters counters) {
        AtomicInteger attempts = new AtomicInteger();
        return pages.fetch(type, since, pageSize, skip, attempts)
                .onTermination().invoke(() -> {
                    counters.requests.addAndGet(attempts.get());
                    counters.retries.addAndGet(Math.max(attempts.get() - 1, 0));
                })
                .onFailure(e -> e instanceof PeeringDbBusyException || e instanceof PeeringDbRefusedException
                        || e instanceof TimeoutException)
                .transform(e -> new PeeringDbUnavailableException("PeeringDB " + type + " (skip " + skip + ") answered "
                        + e.getMessage() + " after " + attempts.get() + " attempts"))
                .chain(body -> {
                    int count = reader.addResponse(type, body);
                    int sum = total + count;
                    return count < pageSize ? Uni.createFrom().item(sum) : page(type, since, skip + pageSize, sum, reader, counters);
                });
    }

    /** PeeringDB could not be reached or kept refusing after every retry. */
    public static class PeeringDbUnavailableException extends RuntimeException {
        public PeeringDbUnavailableException(String message) {
            super(message);
        }
    }
}
