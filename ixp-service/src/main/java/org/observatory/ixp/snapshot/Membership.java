package org.observatory.ixp.snapshot;

import java.time.OffsetDateTime;

/** One (IXP, ASN) membership in a month: its netixlan rows folded together. */
public record Membership(long ixpId, long asn, boolean rsPeer, long speed, OffsetDateTime created) {
}
