package org.observatory.ixp.peeringdb;

import java.time.OffsetDateTime;

/** The fields of a PeeringDB {@code ix} object that the service keeps. */
public record IxRecord(long id, String name, String nameLong, String city, String country, String website,
        Long orgId, OffsetDateTime created, OffsetDateTime updated) {
}
