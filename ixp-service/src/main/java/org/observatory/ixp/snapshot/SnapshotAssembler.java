package org.observatory.ixp.snapshot;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.observatory.ixp.peeringdb.IxRecord;
import org.observatory.ixp.peeringdb.NetIxLanRecord;
import org.observatory.ixp.peeringdb.PeeringDbSnapshot;
import org.observatory.ixp.peeringdb.SkippedRecord;

/**
 * Turns parsed PeeringDB objects into one month's snapshot: netixlan rows of one (IXP, ASN) become one
 * membership ({@code is_rs_peer} OR-ed, {@code speed} summed, earliest {@code created}); rows on an IXP that is
 * neither in the snapshot nor already known (it was skipped, e.g. for its country) are skipped.
 */
public final class SnapshotAssembler {

    private SnapshotAssembler() {
    }

    /**
     * @param knownIxps IXP ids already stored, for incremental imports whose {@code ix} list holds only changes
     */
    public static MonthSnapshot assemble(LocalDate month, PeeringDbSnapshot parsed, Set<Long> knownIxps) {
        Map<String, Integer> received = new java.util.TreeMap<>();
        received.put("ix", parsed.ixs().size());
        received.put("net", parsed.nets().size());
        received.put("netixlan", parsed.netixlans().size());
        parsed.skipped().forEach(s -> received.merge(s.type(), 1, Integer::sum));
        Set<Long> ixIds = new HashSet<>(knownIxps);
        for (IxRecord ix : parsed.ixs()) {
            ixIds.add(ix.id());
        }
        List<SkippedRecord> skipped = new ArrayList<>(parsed.skipped());
        Map<Long, Map<Long, Fold>> byIx = new LinkedHashMap<>();
        for (NetIxLanRecord row : parsed.netixlans()) {
            if (!ixIds.contains(row.ixId())) {
                skipped.add(new SkippedRecord("netixlan", String.valueOf(row.id()), SkippedRecord.UNKNOWN_IX,
                        "ix " + row.ixId() + " is not in the snapshot or was skipped"));
                continue;
            }
            byIx.computeIfAbsent(row.ixId(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(row.asn(), k -> new Fold())
                    .add(row);
        }
        List<Membership> memberships = new ArrayList<>();
        byIx.forEach((ix, byAsn) -> byAsn.forEach((asn, fold) ->
                memberships.add(new Membership(ix, asn, fold.rsPeer, fold.speed, fold.created))));
        return new MonthSnapshot(month, parsed.ixs(), parsed.nets(), memberships, skipped, received);
    }

    private static final class Fold {
        boolean rsPeer;
        long speed;
        OffsetDateTime created;

        void add(NetIxLanRecord row) {
            rsPeer |= row.rsPeer();
            speed += row.speed();
            if (created == null || (row.created() != null && row.created().isBefore(created))) {
                created = row.created();
            }
        }
    }
}
