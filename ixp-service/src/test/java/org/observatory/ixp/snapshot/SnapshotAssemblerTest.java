package org.observatory.ixp.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.observatory.ixp.peeringdb.IxRecord;
import org.observatory.ixp.peeringdb.NetIxLanRecord;
import org.observatory.ixp.peeringdb.PeeringDbSnapshot;
import org.observatory.ixp.peeringdb.SkippedRecord;

class SnapshotAssemblerTest {

    private static final OffsetDateTime EARLY = OffsetDateTime.of(2015, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    private static final OffsetDateTime LATE = OffsetDateTime.of(2018, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private static IxRecord ix(long id) {
        return new IxRecord(id, "IX " + id, null, null, "DE", null, null, EARLY, EARLY);
    }

    @Test
    void foldsSeveralPortsOfOneNetworkIntoOneMembership() {
        PeeringDbSnapshot parsed = new PeeringDbSnapshot(List.of(ix(1)), List.of(), List.of(
                new NetIxLanRecord(10, 1, 64500, false, 10_000, LATE, LATE),
                new NetIxLanRecord(11, 1, 64500, true, 100_000, EARLY, EARLY),
                new NetIxLanRecord(12, 1, 64501, false, 1_000, LATE, LATE)), List.of());

        MonthSnapshot month = SnapshotAssembler.assemble(LocalDate.of(2020, 1, 1), parsed, Set.of());

        assertEquals(List.of(new Membership(1, 64500, true, 110_000, EARLY), new Membership(1, 64501, false, 1_000, LATE)),
                month.memberships());
        assertEquals(3, month.received().get("netixlan"));
    }

    @Test
    void skipsPortsOnUnknownOrSkippedIxps() {
        PeeringDbSnapshot parsed = new PeeringDbSnapshot(List.of(ix(1)), List.of(), List.of(
                new NetIxLanRecord(10, 2, 64500, false, 10, LATE, LATE),
                new NetIxLanRecord(11, 3, 64500, false, 10, LATE, LATE)), List.of());

        MonthSnapshot month = SnapshotAssembler.assemble(LocalDate.of(2020, 1, 1), parsed, Set.of(3L));

        assertEquals(1, month.memberships().size());
        assertEquals(3, month.memberships().get(0).ixpId());
        assertTrue(month.skipped().stream().anyMatch(s -> s.id().equals("10") && s.reason().equals(SkippedRecord.UNKNOWN_IX)));
    }
}
