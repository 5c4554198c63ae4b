package org.observatory.registry.crawler;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;
import org.observatory.common.lock.JobLock;
import org.observatory.common.problem.ProblemException;
import org.observatory.registry.common.RegistryConfig;
import org.observatory.registry.geo.ServerLocator;

/**
 * Crawl runs: all due instances with bounded concurrency, on one replica at a time (JobLock), each instance
 * under a lease so that a crawl of one instance never overlaps another replica's or an admin's.
 */
@ApplicationScoped
public class CrawlService {

    private static final Logger LOG = Logger.getLogger(CrawlService.class);
    static final String JOB = "instance-registry-crawl";
    /** Headers that would carry credentials: the crawler never sends them, whatever is configured. */
    private static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "proxy-authorization", "cookie");

    private final CrawlStore store;
    private final JobLock jobLock;
    private final CrawlerClients clients;
    private final InstanceCrawler crawler;
    private final RegistryConfig.Crawler config;

    public CrawlService(CrawlStore store, Pool pool, Vertx vertx, ServerLocator locator, RegistryConfig registry) {
        this.store = store;
        this.jobLock = new JobLock(pool);
        this.config = registry.crawler();
        this.clients = CrawlerClients.create(vertx, config.connectTimeout(), config.concurrency());
        TargetGuard guard = new TargetGuard(config.allowedNetworks().orElse(List.of()).stream()
                .filter(cidr -> !cidr.isBlank()).map(CidrRange::parse).toList());
        JsonFetcher fetcher = new JsonFetcher(clients, guard, config.requestTimeout(), config.maxResponseBytes(),
                config.maxRedirects(), config.userAgent());
        this.crawler = new InstanceCrawler(fetcher, endpoints(config), locator);
    }

    /** Crawls every due instance; {@link CrawlSummary#notRun()} when another replica's run is under way. */
    public Uni<CrawlSummary> crawlAll() {
        return jobLock.runExclusively(JOB, this::crawlDue).map(result -> result.orElse(CrawlSummary.notRun()));
    }

    /** Crawls one instance now, whatever its schedule. */
    public Uni<CrawlOutcome> crawlOne(long id) {
        return store.claimOne(id).flatMap(target -> target.isPresent()
                ? crawlAndStore(target.get())
                : store.exists(id).map(exists -> {
                    throw exists ? ProblemException.conflict("Instance " + id + " is being crawled right now")
                            : ProblemException.notFound("No instance " + id);
                }));
    }

    private Uni<CrawlSummary> crawlDue() {
        OffsetDateTime runStart = OffsetDateTime.now(ZoneOffset.UTC);
        // Claims a batch whenever the crawls in flight need more work; the last claim is empty.
        return Multi.createBy().repeating().uni(() -> store.claim(config.batchSize(), runStart))
                .until(List::isEmpty)
                .onItem().<CrawlTarget>disjoint()
                .onItem().transformToUni(this::crawlAndStore).merge(config.concurrency())
                .collect().asList()
                .map(CrawlSummary::of)
                .invoke(summary -> LOG.infof("Crawl run: %d instances, %d ok, failures %s",
                        summary.crawled(), summary.succeeded(), summary.failures()));
    }

    private Uni<CrawlOutcome> crawlAndStore(CrawlTarget target) {
        return crawler.crawl(target).flatMap(outcome -> store.save(outcome).replaceWith(outcome)
                .onFailure().recoverWithUni(failure -> {
                    // E.g. a string PostgreSQL's jsonb refuses: keep the attempt's record without the data.
                    LOG.warnf("Storing the crawl of instance %d failed: %s", target.id(), failure.getMessage());
                    CrawlOutcome unstored = new CrawlOutcome(outcome.instanceId(), outcome.started(), outcome.finished(),
                            new io.vertx.core.json.JsonObject(), outcome.location(), CrawlFailure.STORE,
                            "The answer could not be stored: " + failure.getMessage(), outcome.httpStatus());
                    return store.save(unstored).replaceWith(unstored)
                            .onFailure().recoverWithItem(unstored);
                }));
    }

    private static List<InstanceCrawler.Endpoint> endpoints(RegistryConfig.Crawler config) {
        return config.endpoints().stream().map(endpoint -> {
            Map<String, String> headers = new LinkedHashMap<>();
            endpoint.headers().forEach((name, value) -> {
                if (CREDENTIAL_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                    LOG.warnf("Crawler header %s is ignored: the crawler never sends credentials", name);
                } else {
                    headers.put(name, value);
                }
            });
            return new InstanceCrawler.Endpoint(endpoint.path(), Map.copyOf(headers));
        }).toList();
    }

    @PreDestroy
    void close() {
        clients.close();
    }
}
