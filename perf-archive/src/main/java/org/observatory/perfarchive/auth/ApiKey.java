package org.observatory.perfarchive.auth;

import java.time.OffsetDateTime;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A stored key, without its secret. */
@Schema(description = "A write key without its secret; revoked is null while it is valid")
public record ApiKey(long id, String username, String description, Set<String> roles, OffsetDateTime created,
                     OffsetDateTime revoked) {
}
