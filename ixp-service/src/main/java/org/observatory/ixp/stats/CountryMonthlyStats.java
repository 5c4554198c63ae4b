package org.observatory.ixp.stats;

import java.time.LocalDate;
import java.util.List;

/** A country's statistics as of the 1st of a month, over its active IXPs. Capacity is in Gbps. */
public record CountryMonthlyStats(String country, LocalDate month, int ixpCount, int asnCount, int routedAsnCount,
        int memberCount, double asnsIxpMemberRate, double routedAsnsIxpMemberRate,
        double routedAsnsIxpMemberCustomersRate, double totalCapacity) {

    static final List<String> CSV_HEADER = List.of("country", "month", "ixp_count", "asn_count", "routed_asn_count",
            "member_count", "asns_ixp_member_rate", "routed_asns_ixp_member_rate",
            "routed_asns_ixp_member_customers_rate", "total_capacity");

    List<Object> csvRow() {
        return List.of(country, month.toString().substring(0, 7), ixpCount, asnCount, routedAsnCount, memberCount,
                asnsIxpMemberRate, routedAsnsIxpMemberRate, routedAsnsIxpMemberCustomersRate, totalCapacity);
    }
}
