package org.observatory.ixp.stats;

import java.time.LocalDate;
import java.util.List;

/** One IXP's statistics as of the 1st of a month. Capacity is in Gbps; rates are 0..1. */
public record IxpMonthlyStats(long ixpId, String ixpName, LocalDate month, String country, boolean active, int members,
        int rsPeers, double capacity, double rsPeeringRate, double localAsnsMembersRate,
        double localRoutedAsnsMembersRate, double localRoutedAsnsMembersCustomersRate,
        int membersJoinedLast12Months, int membersLeftLast12Months, int monthlyMembersChange,
        double monthlyMembersChangePercent) {

    static final List<String> CSV_HEADER = List.of("ixp_id", "ixp_name", "month", "country", "active", "members",
            "rs_peers", "capacity", "rs_peering_rate", "local_asns_members_rate", "local_routed_asns_members_rate",
            "local_routed_asns_members_customers_rate", "members_joined_last_12_months",
            "members_left_last_12_months", "monthly_members_change", "monthly_members_change_percent");

    List<Object> csvRow() {
        return List.of(ixpId, ixpName == null ? "" : ixpName, month.toString().substring(0, 7), country, active, members,
                rsPeers, capacity, rsPeeringRate, localAsnsMembersRate, localRoutedAsnsMembersRate,
                localRoutedAsnsMembersCustomersRate, membersJoinedLast12Months, membersLeftLast12Months,
                monthlyMembersChange, monthlyMembersChangePercent);
    }
}
