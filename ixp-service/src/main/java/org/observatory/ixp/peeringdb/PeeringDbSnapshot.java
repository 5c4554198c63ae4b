package org.observatory.ixp.peeringdb;

import java.util.List;

/** The parsed objects of one PeeringDB snapshot (a dump or a set of API responses) and what was skipped. */
public record PeeringDbSnapshot(List<IxRecord> ixs, List<NetRecord> nets, List<NetIxLanRecord> netixlans,
        List<SkippedRecord> skipped) {
}
