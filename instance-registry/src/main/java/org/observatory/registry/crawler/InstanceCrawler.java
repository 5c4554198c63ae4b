package org.observatory.registry.crawler;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.observatory.registry.geo.Location;
import org.observatory.registry.geo.ServerLocator;

/**
 * Crawls one instance: every configured endpoint in turn, merging the JSON objects of those that answered
 * well. The attempt succeeds when all endpoints did; otherwise the first failure is its reason. It never
 * fails itself: whatever goes wrong becomes the outcome, so one instance cannot abort the others.
 */
public final class InstanceCrawler {

    /** One configured endpoint, with the headers the crawler may send. */
    public record Endpoint(String path, Map<String, String> headers) {
    }

    private final JsonFetcher fetcher;
    private final List<Endpoint> endpoints;
    private final ServerLocator locator;

    public InstanceCrawler(JsonFetcher fetcher, List<Endpoint> endpoints, ServerLocator locator) {
        this.fetcher = fetcher;
        this.endpoints = List.copyOf(endpoints);
        this.locator = locator;
    }

    public Uni<CrawlOutcome> crawl(CrawlTarget target) {
        OffsetDateTime started = OffsetDateTime.now(ZoneOffset.UTC);
        Attempt attempt = new Attempt(target, started);
        Uni<Attempt> chain = Uni.createFrom().item(attempt);
        for (Endpoint endpoint : endpoints) {
            chain = chain.flatMap(a -> fetcher.fetch(target.url() + endpoint.path(), endpoint.headers())
                    .flatMap(fetched -> a.merged(fetched))
                    .onFailure().recoverWithItem(failure -> a.failed(endpoint, failure)));
        }
        return chain.map(Attempt::outcome);
    }

    /** The state of one attempt as its endpoints answer (used by one chain at a time). */
    private final class Attempt {
        private final CrawlTarget target;
        private final OffsetDateTime started;
        private final JsonObject data = new JsonObject();
        private Location location;
        private boolean located;
        private String reason;
        private String error;
        private Integer httpStatus;

        Attempt(CrawlTarget target, OffsetDateTime started) {
            this.target = target;
            this.started = started;
        }

        Uni<Attempt> merged(JsonFetcher.Fetched fetched) {
            data.mergeIn(fetched.json());
            if (located) {
                return Uni.createFrom().item(this);
            }
            located = true;
            return locator.locate(fetched.address()).map(found -> {
                location = found.orElse(null);
                return this;
            });
        }

        Attempt failed(Endpoint endpoint, Throwable failure) {
            if (reason == null) {
                if (failure instanceof CrawlFailure crawl) {
                    reason = crawl.reason();
                    httpStatus = crawl.httpStatus();
                } else {
                    reason = CrawlFailure.CONNECTION;
                }
                String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
                error = "GET " + endpoint.path() + ": " + message;
            }
            return this;
        }

        CrawlOutcome outcome() {
            return new CrawlOutcome(target.id(), started, OffsetDateTime.now(ZoneOffset.UTC), data, location,
                    reason, error, httpStatus);
        }
    }
}
