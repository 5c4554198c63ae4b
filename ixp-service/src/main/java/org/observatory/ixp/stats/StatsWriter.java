package org.observatory.ixp.stats;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.Collection;
import org.observatory.ixp.common.Laps;

/**
 * Computes the monthly statistics (as of the 1st of each month) per IXP and per country from the stored
 * membership periods and ASN registration, set-wise for many months in one pass, on the caller's connection.
 */
@ApplicationScoped
public class StatsWriter {

    private static final String ASSIGNED = "status IN ('assigned', 'allocated')";

    /** Per-country denominators, from the ASN tables the run starts with. */
    private static final String ASN_SETS = """
            country_asns AS (SELECT country, count(*) AS n FROM stat_reg GROUP BY country),
            country_routed AS (SELECT country, count(*) AS n FROM stat_routed GROUP BY country)""";

    /**
     * Assigned ASNs with their country, and routed ASNs with theirs, as indexed and analysed temporary tables:
     * as CTEs the planner has no statistics for them and picks nested loops over tens of thousands of rows.
     */
    private static final String ASN_TABLES = """
            DROP TABLE IF EXISTS stat_reg; DROP TABLE IF EXISTS stat_routed;
            CREATE TEMP TABLE stat_reg ON COMMIT DROP AS
                SELECT asn, country FROM asn_registration WHERE %s;
            CREATE UNIQUE INDEX ON stat_reg (asn);
            ANALYZE stat_reg;
            CREATE TEMP TABLE stat_routed ON COMMIT DROP AS
                SELECT r.asn, g.country FROM routed_asn r JOIN stat_reg g ON g.asn = r.asn;
            CREATE UNIQUE INDEX ON stat_routed (asn);
            ANALYZE stat_routed""".formatted(ASSIGNED);

    /** Replaces the statistics of {@code months} (first days of months). */
    public Uni<Void> generate(SqlConnection conn, Collection<LocalDate> months, Laps laps) {
        if (months.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        LocalDate[] days = months.stream().map(m -> m.withDayOfMonth(1)).distinct().toArray(LocalDate[]::new);
        return conn.query("""
                SET LOCAL work_mem = '64MB';
                DROP TABLE IF EXISTS stat_month; DROP TABLE IF EXISTS stat_member;
                CREATE TEMP TABLE stat_month (month date PRIMARY KEY) ON COMMIT DROP""").execute()
                .chain(() -> conn.preparedQuery("INSERT INTO stat_month SELECT DISTINCT unnest($1::date[])")
                        .execute(Tuple.tuple().addArrayOfLocalDate(days)))
                .chain(() -> conn.query(ASN_TABLES).execute())
                .chain(() -> conn.query(MEMBERS).execute())
                .invoke(() -> laps.lap("stats_members"))
                .chain(() -> conn.query(IXP_STATS).execute())
                .invoke(() -> laps.lap("stats_ixps"))
                .chain(() -> conn.query(COUNTRY_STATS).execute())
                .invoke(() -> laps.lap("stats_countries"))
                .replaceWithVoid();
    }

    /**
     * Members of each IXP as of the 1st of each asked month ({@code back} 0), of the month before (1) and of
     * the year before (12): distinct ASNs with a period covering that day. Speed and route-server flag come
     * from that month's snapshot when it is stored, else from the period.
     */
    private static final String MEMBERS = """
            CREATE TEMP TABLE stat_member ON COMMIT DROP AS
            WITH dates AS (
                SELECT month AS day, month, 0 AS back FROM stat_month
                UNION ALL SELECT (month - interval '1 month')::date, month, 1 FROM stat_month
                UNION ALL SELECT (month - interval '12 months')::date, month, 12 FROM stat_month
            )
            SELECT d.month, d.back, p.ixp_id, p.asn,
                   bool_or(coalesce(s.rs_peer, p.rs_peer)) AS rs_peer, max(coalesce(s.speed, p.speed)) AS speed
            FROM dates d
            JOIN membership_period p ON p.start_date <= d.day AND (p.end_date IS NULL OR p.end_date >= d.day)
            LEFT JOIN membership_snapshot s ON d.back = 0 AND s.month = d.day AND s.ixp_id = p.ixp_id AND s.asn = p.asn
            GROUP BY d.month, d.back, p.ixp_id, p.asn;
            CREATE INDEX ON stat_member (month, ixp_id, asn, back);
            ANALYZE stat_member""";

    private static final String IXP_STATS = """
            DELETE FROM ixp_monthly_stats WHERE month IN (SELECT month FROM stat_month);
            INSERT INTO ixp_monthly_stats (ixp_id, month, country, active, members, rs_peers, capacity,
                rs_peering_rate, local_asns_members_rate, local_routed_asns_members_rate,
                local_routed_asns_members_customers_rate, members_joined_last_12_months,
                members_left_last_12_months, monthly_members_change, monthly_members_change_percent)
            WITH %s,
            cur AS (
                SELECT c.month, c.ixp_id, count(*) AS members, count(*) FILTER (WHERE c.rs_peer) AS rs_peers,
                       sum(c.speed) AS speed,
                       count(*) FILTER (WHERE g.country = i.country) AS local_members,
                       count(*) FILTER (WHERE r.country = i.country) AS local_routed_members
                FROM stat_member c JOIN ixp i ON i.id = c.ixp_id
                LEFT JOIN stat_reg g ON g.asn = c.asn LEFT JOIN stat_routed r ON r.asn = c.asn
                WHERE c.back = 0 GROUP BY c.month, c.ixp_id
            ), ixps AS (
                SELECT DISTINCT m.month, m.ixp_id, i.country FROM stat_member m JOIN ixp i ON i.id = m.ixp_id
            ), with_customers AS (
                -- members and their customers, counted among the routed ASNs of the IXP's country
                SELECT u.month, u.ixp_id, count(*) AS n FROM (
                    SELECT c.month, c.ixp_id, c.asn FROM stat_member c
                    JOIN ixp i ON i.id = c.ixp_id JOIN stat_routed r ON r.asn = c.asn AND r.country = i.country
                    WHERE c.back = 0
                    UNION
                    SELECT c.month, c.ixp_id, k.customer_asn FROM stat_member c
                    JOIN asn_customer k ON k.provider_asn = c.asn
                    JOIN ixp i ON i.id = c.ixp_id JOIN stat_routed r ON r.asn = k.customer_asn AND r.country = i.country
                    WHERE c.back = 0
                ) u
                GROUP BY u.month, u.ixp_id
            ), prev AS (
                SELECT month, ixp_id, count(*) AS n FROM stat_member WHERE back = 1 GROUP BY month, ixp_id
            ), joined AS (
                SELECT c.month, c.ixp_id, count(*) AS n FROM stat_member c
                WHERE c.back = 0 AND NOT EXISTS (SELECT 1 FROM stat_member o WHERE o.month = c.month
                    AND o.ixp_id = c.ixp_id AND o.asn = c.asn AND o.back = 12)
                GROUP BY c.month, c.ixp_id
            ), gone AS (
                SELECT o.month, o.ixp_id, count(*) AS n FROM stat_member o
                WHERE o.back = 12 AND NOT EXISTS (SELECT 1 FROM stat_member c WHERE c.month = o.month
                    AND c.ixp_id = o.ixp_id AND c.asn = o.asn AND c.back = 0)
                GROUP BY o.month, o.ixp_id
            ), counted AS (
                SELECT x.ixp_id, x.month, x.country,
                       coalesce(c.members, 0) AS members, coalesce(c.rs_peers, 0) AS rs_peers,
                       coalesce(c.speed, 0) AS speed, coalesce(c.local_members, 0) AS local_members,
                       coalesce(c.local_routed_members, 0) AS local_routed_members,
                       coalesce(w.n, 0) AS with_customers, coalesce(ca.n, 0) AS country_asns,
                       coalesce(cr.n, 0) AS country_routed, coalesce(p.n, 0) AS previous,
                       coalesce(j.n, 0) AS joined, coalesce(g.n, 0) AS gone
                FROM ixps x
                LEFT JOIN cur c ON c.month = x.month AND c.ixp_id = x.ixp_id
                LEFT JOIN with_customers w ON w.month = x.month AND w.ixp_id = x.ixp_id
                LEFT JOIN prev p ON p.month = x.month AND p.ixp_id = x.ixp_id
                LEFT JOIN joined j ON j.month = x.month AND j.ixp_id = x.ixp_id
                LEFT JOIN gone g ON g.month = x.month AND g.ixp_id = x.ixp_id
                LEFT JOIN country_asns ca ON ca.country = x.country
                LEFT JOIN country_routed cr ON cr.country = x.country
            )
            SELECT ixp_id, month, country, members >= 3, members, rs_peers, speed / 1000.0,
                   CASE WHEN members = 0 THEN 0 ELSE rs_peers::float8 / members END,
                   CASE WHEN country_asns = 0 THEN 0 ELSE local_members::float8 / country_asns END,
                   CASE WHEN country_routed = 0 THEN 0 ELSE local_routed_members::float8 / country_routed END,
                   CASE WHEN country_routed = 0 THEN 0 ELSE with_customers::float8 / country_routed END,
                   joined, gone, members - previous,
                   CASE WHEN members = previous THEN 0 WHEN previous = 0 THEN 1.0
                        ELSE (members - previous)::float8 / previous END
            FROM counted""".formatted(ASN_SETS);

    private static final String COUNTRY_STATS = """
            DROP TABLE IF EXISTS stat_country_member;
            CREATE TEMP TABLE stat_country_member ON COMMIT DROP AS
                SELECT DISTINCT a.month, a.country, c.asn FROM ixp_monthly_stats a
                JOIN stat_member c ON c.back = 0 AND c.month = a.month AND c.ixp_id = a.ixp_id
                WHERE a.month IN (SELECT month FROM stat_month) AND a.active;
            ANALYZE stat_country_member;
            DELETE FROM country_monthly_stats WHERE month IN (SELECT month FROM stat_month);
            INSERT INTO country_monthly_stats (country, month, ixp_count, asn_count, routed_asn_count, member_count,
                asns_ixp_member_rate, routed_asns_ixp_member_rate, routed_asns_ixp_member_customers_rate,
                total_capacity)
            WITH %s,
            countries AS (
                SELECT DISTINCT country, month FROM ixp_monthly_stats WHERE month IN (SELECT month FROM stat_month)
            ), active AS (
                SELECT ixp_id, month, country, capacity FROM ixp_monthly_stats
                WHERE month IN (SELECT month FROM stat_month) AND active
            ), with_customers AS (
                SELECT u.month, u.country, count(*) AS n FROM (
                    SELECT m.month, m.country, m.asn FROM stat_country_member m JOIN stat_routed r ON r.asn = m.asn AND r.country = m.country
                    UNION
                    SELECT m.month, m.country, k.customer_asn FROM stat_country_member m JOIN asn_customer k ON k.provider_asn = m.asn
                    JOIN stat_routed r ON r.asn = k.customer_asn AND r.country = m.country
                ) u
                GROUP BY u.month, u.country
            ), ixp_totals AS (
                SELECT month, country, count(*) AS n, sum(capacity) AS capacity FROM active GROUP BY month, country
            ), member_totals AS (
                SELECT m.month, m.country, count(*) AS n,
                       count(*) FILTER (WHERE g.country = m.country) AS local_n,
                       count(*) FILTER (WHERE r.country = m.country) AS routed_n
                FROM stat_country_member m LEFT JOIN stat_reg g ON g.asn = m.asn LEFT JOIN stat_routed r ON r.asn = m.asn
                GROUP BY m.month, m.country
            )
            SELECT c.country, c.month, coalesce(t.n, 0), coalesce(ca.n, 0), coalesce(cr.n, 0), coalesce(mt.n, 0),
                   CASE WHEN coalesce(ca.n, 0) = 0 THEN 0 ELSE coalesce(mt.local_n, 0)::float8 / ca.n END,
                   CASE WHEN coalesce(cr.n, 0) = 0 THEN 0 ELSE coalesce(mt.routed_n, 0)::float8 / cr.n END,
                   CASE WHEN coalesce(cr.n, 0) = 0 THEN 0 ELSE coalesce(w.n, 0)::float8 / cr.n END,
                   coalesce(t.capacity, 0)
            FROM countries c
            LEFT JOIN ixp_totals t ON t.month = c.month AND t.country = c.country
            LEFT JOIN member_totals mt ON mt.month = c.month AND mt.country = c.country
            LEFT JOIN with_customers w ON w.month = c.month AND w.country = c.country
            LEFT JOIN country_asns ca ON ca.country = c.country
            LEFT JOIN country_routed cr ON cr.country = c.country""".formatted(ASN_SETS);
}
