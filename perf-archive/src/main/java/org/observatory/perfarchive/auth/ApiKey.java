package org.observatory.perfarchive.auth;

import java.time.OffsetDateTime;
import java.util.Set;

/** A stored key, without its secret. */
public record ApiKey(long id, String username, String description, Set<String> roles, OffsetDateTime created,
                     OffsetDateTime revoked) {
}
