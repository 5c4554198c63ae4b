package org.observatory.registry.crawler;

/** Why one fetch of a crawl failed; {@code reason} is a short stable word for statistics and filters. */
public class CrawlFailure extends RuntimeException {

    public static final String TIMEOUT = "timeout";
    public static final String HTTP_STATUS = "http_status";
    public static final String NOT_JSON = "not_json";
    public static final String TOO_LARGE = "too_large";
    public static final String REFUSED_ADDRESS = "refused_address";
    public static final String DNS = "dns";
    public static final String CONNECTION = "connection";
    public static final String REDIRECT = "redirect";
    public static final String STORE = "store";

    private final String reason;
    private final Integer httpStatus;

    public CrawlFailure(String reason, String message, Integer httpStatus) {
        super(message, null, false, false);
        this.reason = reason;
        this.httpStatus = httpStatus;
    }

    public CrawlFailure(String reason, String message) {
        this(reason, message, null);
    }

    public String reason() {
        return reason;
    }

    public Integer httpStatus() {
        return httpStatus;
    }
}
