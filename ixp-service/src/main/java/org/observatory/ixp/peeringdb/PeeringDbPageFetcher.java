package org.observatory.ixp.peeringdb;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.faulttolerance.api.CustomBackoff;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;
import org.observatory.ixp.IxpConfig;

/**
 * One page from PeeringDB, retried by SmallRye Fault Tolerance: 429, 5xx, connection failures and attempts that
 * time out are asked again after the delay {@link BackOff} gives (Retry-After first), up to
 * {@code ixp.peeringdb.max-retries} retries (application.properties maps it onto this method's {@code @Retry});
 * any other answer fails at once.
 */
@ApplicationScoped
public class PeeringDbPageFetcher {

    private static final Logger LOG = Logger.getLogger(PeeringDbPageFetcher.class);

    private final PeeringDbApi api;
    private final BackOff backOff;
    private final Clock clock;

    public PeeringDbPageFetcher(IxpConfig config) {
        IxpConfig.PeeringDb peeringDb = config.peeringdb();
        QuarkusRestClientBuilder builder = QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(peeringDb.baseUrl().replaceAll("/+$", "")))
                .connectTimeout(20, TimeUnit.SECONDS)
                .readTimeout(2, TimeUnit.MINUTES);
        peeringDb.apiKey().map(String::strip).filter(k -> !k.isEmpty()).ifPresent(key ->
                builder.register((ClientRequestFilter) request -> request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Api-Key " + key)));
        this.api = builder.build(PeeringDbApi.class);
        this.backOff = new BackOff(peeringDb.retryDelay(), peeringDb.maxRetryDelay());
        this.clock = Clock.systemUTC();
    }

    /**
     * The page at {@code skip}; {@code attempts} counts the requests made for it (this method runs once per
     * attempt), for the back-off and the run's report.
     */
    @Retry(maxRetries = 6, delay = 5, delayUnit = ChronoUnit.SECONDS, jitter = 0,
            maxDuration = 30, durationUnit = ChronoUnit.MINUTES,
            retryOn = {PeeringDbBusyException.class, TimeoutException.class})
    @CustomBackoff(RetryAfterBackoff.class)
    @Timeout(value = 3, unit = ChronoUnit.MINUTES)
    public Uni<byte[]> fetch(String type, LocalDate since, int limit, int skip, AtomicInteger attempts) {
        int attempt = attempts.incrementAndGet();
        return api.page(type, 0, limit, skip, since == null ? null : since.toString())
                .onFailure().transform(failure -> classify(failure, type, attempt));
    }

    private Throwable classify(Throwable failure, String type, int attempt) {
        String answer;
        String retryAfter = null;
        if (failure instanceof WebApplicationException http) {
            int status = http.getResponse().getStatus();
            answer = "HTTP " + status;
            if (status != 429 && status / 100 != 5) {
                return new PeeringDbRefusedException(answer);
            }
            retryAfter = http.getResponse().getHeaderString("Retry-After");
        } else if (failure instanceof ProcessingException) {
            answer = failure.getCause() == null ? failure.toString() : failure.getCause().toString();
        } else {
            return failure;
        }
        PeeringDbBusyException busy = new PeeringDbBusyException(answer, backOff.after(attempt, retryAfter, clock.instant()));
        LOG.warnf("PeeringDB %s answered %s on attempt %d; asking again in %s if retries are left", type, answer, attempt, busy.delay());
        return busy;
    }

    /** PeeringDB refused the request in a way that asking again cannot change (a 4xx other than 429). */
    public static class PeeringDbRefusedException extends RuntimeException {
        public PeeringDbRefusedException(String answer) {
            super(answer);
        }
    }
}
