package org.observatory.registry.crawler;

/** An instance claimed for crawling. */
public record CrawlTarget(long id, String url) {
}
