package org.observatory.ixp.stats;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.observatory.common.paging.PageRequest;

/** Reads the stored monthly statistics. */
@ApplicationScoped
public class StatsStore {

    private final Pool pool;

    public StatsStore(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<IxpMonthlyStats>> ixps(List<LocalDate> months, Long ixpId, String country, PageRequest page) {
        return pool.preparedQuery("""
                SELECT s.*, i.name AS ixp_name FROM ixp_monthly_stats s LEFT JOIN ixp i ON i.id = s.ixp_id
                WHERE s.month = ANY($1) AND ($2::bigint IS NULL OR s.ixp_id = $2) AND ($3::text IS NULL OR s.country = $3)
                ORDER BY s.month, s.ixp_id LIMIT $4 OFFSET $5""")
                .execute(Tuple.tuple().addArrayOfLocalDate(months.toArray(LocalDate[]::new)).addLong(ixpId)
                        .addString(country).addInteger(page.limit()).addLong(page.offset()))
                .map(rows -> {
                    List<IxpMonthlyStats> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new IxpMonthlyStats(r.getLong("ixp_id"), r.getString("ixp_name"), r.getLocalDate("month"),
                                r.getString("country").strip(), r.getBoolean("active"), r.getInteger("members"),
                                r.getInteger("rs_peers"), r.getDouble("capacity"), r.getDouble("rs_peering_rate"),
                                r.getDouble("local_asns_members_rate"), r.getDouble("local_routed_asns_members_rate"),
                                r.getDouble("local_routed_asns_members_customers_rate"),
                                r.getInteger("members_joined_last_12_months"), r.getInteger("members_left_last_12_months"),
                                r.getInteger("monthly_members_change"), r.getDouble("monthly_members_change_percent")));
                    }
                    return out;
                });
    }

    public Uni<List<CountryMonthlyStats>> countries(List<LocalDate> months, String country, PageRequest page) {
        return pool.preparedQuery("""
                SELECT * FROM country_monthly_stats WHERE month = ANY($1) AND ($2::text IS NULL OR country = $2)
                ORDER BY month, country LIMIT $3 OFFSET $4""")
                .execute(Tuple.tuple().addArrayOfLocalDate(months.toArray(LocalDate[]::new)).addString(country)
                        .addInteger(page.limit()).addLong(page.offset()))
                .map(rows -> {
                    List<CountryMonthlyStats> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new CountryMonthlyStats(r.getString("country").strip(), r.getLocalDate("month"),
                                r.getInteger("ixp_count"), r.getInteger("asn_count"), r.getInteger("routed_asn_count"),
                                r.getInteger("member_count"), r.getDouble("asns_ixp_member_rate"),
                                r.getDouble("routed_asns_ixp_member_rate"),
                                r.getDouble("routed_asns_ixp_member_customers_rate"), r.getDouble("total_capacity")));
                    }
                    return out;
                });
    }
}
