package org.observatory.registry.crawler;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Runs the crawl on the configured cron; JobLock inside keeps it to one replica. */
@ApplicationScoped
public class CrawlScheduler {

    private final CrawlService crawls;

    public CrawlScheduler(CrawlService crawls) {
        this.crawls = crawls;
    }

    @Scheduled(cron = "{registry.crawler.cron}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> crawl() {
        return crawls.crawlAll().replaceWithVoid();
    }
}
