package org.observatory.ixp.snapshot;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.observatory.ixp.peeringdb.IxRecord;
import org.observatory.ixp.peeringdb.NetRecord;
import org.observatory.ixp.peeringdb.SkippedRecord;

/** What one month's import stores: checked IXPs, networks and folded memberships, and what was skipped. */
public record MonthSnapshot(LocalDate month, List<IxRecord> ixps, List<NetRecord> networks,
        List<Membership> memberships, List<SkippedRecord> skipped, Map<String, Integer> received) {

    public int netixlanRows() {
        return received.getOrDefault("netixlan", 0);
    }
}
