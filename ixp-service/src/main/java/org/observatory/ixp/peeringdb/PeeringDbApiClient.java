package org.observatory.ixp.peeringdb;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;
import org.observatory.ixp.IxpConfig;

/**
 * PeeringDB's REST API: {@code GET {base}/{type}?limit=&skip=[&updated__gte=]} with an {@code Api-Key}
 * header when one is configured. Answers 429 and 5xx (and connection failures) are retried with exponential
 * back-off, honouring {@code Retry-After}, up to a configured number of attempts.
 */
@ApplicationScoped
public class PeeringDbApiClient {

    private static final Logger LOG = Logger.getLogger(PeeringDbApiClient.class);

    private final String baseUrl;
    private final Optional<String> apiKey;
    private final int pageSize;
    private final int maxRetries;
    private final Duration retryDelay;
    private final Duration maxRetryDelay;

    public PeeringDbApiClient(IxpConfig config) {
        IxpConfig.PeeringDb peeringDb = config.peeringdb();
        this.baseUrl = peeringDb.baseUrl();
        this.apiKey = peeringDb.apiKey();
        this.pageSize = peeringDb.pageSize();
        this.maxRetries = peeringDb.maxRetries();
        this.retryDelay = peeringDb.retryDelay();
        this.maxRetryDelay = peeringDb.maxRetryDelay();
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build();

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
        String url = baseUrl.replaceAll("/+$", "") + "/" + type + "?depth=0&limit=" + pageSize + "&skip=" + skip
                + (since == null ? "" : "&updated__gte=" + since);
        return get(url, 0, counters).chain(body -> {
            int count = reader.addResponse(type, body);
            int sum = total + count;
            return count < pageSize ? Uni.createFrom().item(sum) : page(type, since, skip + pageSize, sum, reader, counters);
        });
    }

    private Uni<byte[]> get(String url, int attempt, Counters counters) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofMinutes(2))
                .header("Accept", "application/json")
                .GET();
        apiKey.filter(k -> !k.isBlank()).ifPresent(k -> request.header("Authorization", "Api-Key " + k.strip()));
        counters.requests.incrementAndGet();
        return Uni.createFrom().completionStage(() -> http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray()))
                .onItemOrFailure().transformToUni((response, failure) -> {
                    if (failure == null && response.statusCode() / 100 == 2) {
                        return Uni.createFrom().item(response.body());
                    }
                    boolean retryable = failure instanceof IOException
                            || (failure == null && (response.statusCode() == 429 || response.statusCode() / 100 == 5));
                    String what = failure != null ? failure.toString() : "HTTP " + response.statusCode();
                    if (!retryable || attempt >= maxRetries) {
                        return Uni.createFrom().failure(new PeeringDbUnavailableException(
                                "PeeringDB " + url + " answered " + what + " after " + (attempt + 1) + " attempts"));
                    }
                    Duration wait = backOff(attempt, failure == null ? response.headers().firstValue("Retry-After") : Optional.empty());
                    counters.retries.incrementAndGet();
                    LOG.warnf("PeeringDB %s answered %s; retrying in %s (attempt %d of %d)", url, what, wait, attempt + 2, maxRetries + 1);
                    return Uni.createFrom().voidItem().onItem().delayIt().by(wait)
                            .chain(() -> get(url, attempt + 1, counters));
                });
    }

    Duration backOff(int attempt, Optional<String> retryAfter) {
        Duration wait = retryDelay.multipliedBy(1L << Math.min(attempt, 20));
        if (retryAfter.isPresent()) {
            try {
                wait = Duration.ofSeconds(Long.parseLong(retryAfter.get().strip()));
            } catch (NumberFormatException e) {
                // an HTTP date: keep the exponential delay
            }
        }
        return wait.compareTo(maxRetryDelay) > 0 ? maxRetryDelay : wait;
    }

    /** PeeringDB could not be reached or kept refusing after every retry. */
    public static class PeeringDbUnavailableException extends RuntimeException {
        public PeeringDbUnavailableException(String message) {
            super(message);
        }
    }
}
