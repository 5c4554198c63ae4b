package org.observatory.registry.crawler;

import java.util.Map;
import java.util.TreeMap;

/** What a crawl run did: instances crawled, how many succeeded, and failures counted by reason. */
public record CrawlSummary(boolean ran, int crawled, int succeeded, int failed, Map<String, Integer> failures) {

    public static CrawlSummary notRun() {
        return new CrawlSummary(false, 0, 0, 0, Map.of());
    }

    static CrawlSummary of(Iterable<CrawlOutcome> outcomes) {
        int crawled = 0;
        int succeeded = 0;
        Map<String, Integer> failures = new TreeMap<>();
        for (CrawlOutcome outcome : outcomes) {
            crawled++;
            if (outcome.ok()) {
                succeeded++;
            } else {
                failures.merge(outcome.reason(), 1, Integer::sum);
            }
        }
        return new CrawlSummary(true, crawled, succeeded, crawled - succeeded, failures);
    }
}
