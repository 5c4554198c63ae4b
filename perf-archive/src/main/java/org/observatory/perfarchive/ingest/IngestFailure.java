package org.observatory.perfarchive.ingest;

import java.time.Instant;

/**
 * One refused (or only partly accepted) write.
 *
 * @param endpoint which write: metadata, bulk, point or pscheduler-run
 * @param status   the HTTP status answered
 * @param reason   a short code: invalid, malformed-json, unauthenticated, forbidden, unknown-metadata,
 *                 already-stored, too-large, malformed-result, server-error
 * @param agent    who wrote: the key's user or the token's subject, else the remote address
 * @param subject  the metadata key or the pScheduler run
 * @param detail   what the answer said
 */
public record IngestFailure(long id, Instant at, String endpoint, int status, String reason, String agent,
                            String subject, String detail) {
}
