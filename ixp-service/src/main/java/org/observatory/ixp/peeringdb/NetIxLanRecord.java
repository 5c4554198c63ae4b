package org.observatory.ixp.peeringdb;

import java.time.OffsetDateTime;

/**
 * One PeeringDB {@code netixlan} row: a network's port on an exchange. {@code ixId} is resolved through the
 * row's {@code ixlan_id} when an older dump does not carry {@code ix_id}.
 */
public record NetIxLanRecord(long id, long ixId, long asn, boolean rsPeer, long speed,
        OffsetDateTime created, OffsetDateTime updated) {
}
