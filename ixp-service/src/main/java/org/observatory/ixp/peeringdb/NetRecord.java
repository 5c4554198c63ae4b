package org.observatory.ixp.peeringdb;

import java.time.OffsetDateTime;

/** The fields of a PeeringDB {@code net} object that the service keeps. */
public record NetRecord(long id, long asn, String name, String infoType, String policyGeneral,
        OffsetDateTime created, OffsetDateTime updated) {
}
