package org.observatory.ixp.imports;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.observatory.ixp.peeringdb.SkippedRecord;
import org.observatory.ixp.snapshot.MonthSnapshot;

/**
 * What an import did: objects received per type, what was stored, what was skipped and why (counted by
 * reason, and the first {@value #MAX_LISTED} listed), API traffic, time per phase.
 */
@Schema(name = "ImportReport", description = "What a finished import did; null while it runs or when it failed")
public record ImportReport(LocalDate month, LocalDate sourceDay, String source, Map<String, Integer> received,
        int ixps, int networks, int memberships, int skippedCount, Map<String, Integer> skippedByReason,
        List<SkippedRecord> skipped, Integer apiRequests, Integer apiRetries, Map<String, Long> phaseMillis,
        int statisticsMonths) {

    static final int MAX_LISTED = 500;

    static ImportReport of(MonthSnapshot snapshot, LocalDate sourceDay, String source, Integer requests,
            Integer retries, Map<String, Long> phaseMillis, int statisticsMonths) {
        Map<String, Integer> byReason = new TreeMap<>();
        for (SkippedRecord s : snapshot.skipped()) {
            byReason.merge(s.type() + ": " + s.reason(), 1, Integer::sum);
        }
        List<SkippedRecord> listed = snapshot.skipped().size() > MAX_LISTED
                ? snapshot.skipped().subList(0, MAX_LISTED) : snapshot.skipped();
        return new ImportReport(snapshot.month(), sourceDay, source, snapshot.received(), snapshot.ixps().size(),
                snapshot.networks().size(), snapshot.memberships().size(), snapshot.skipped().size(), byReason,
                List.copyOf(listed), requests, retries, phaseMillis, statisticsMonths);
    }
}
