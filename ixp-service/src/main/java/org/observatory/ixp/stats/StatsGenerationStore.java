package org.observatory.ixp.stats;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.observatory.ixp.common.Laps;
import org.observatory.ixp.membership.HistoryStore.ChangedDays;

/**
 * Computes the monthly statistics (as of the 1st of each month) per IXP and per country from the stored
 * membership periods and ASN registration, set-wise for many months in one pass, on the caller's connection.
 *
 * <p>Every working set is an indexed, analysed temporary table: as CTEs the planner has no statistics for them
 * and picks nested loops over tens of thousands of rows.
 */
@ApplicationScoped
public class StatsGenerationStore {

    private static final String ASSIGNED = "status IN ('assigned', 'allocated')";

    /**
     * Assigned ASNs with their registration country; routed ASNs with theirs; customer links whose customer
     * is routed, with the customer's country (the only customers the customer rates count).
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
            ANALYZE stat_routed;
            DROP TABLE IF EXISTS stat_routed_customer;
            CREATE TEMP TABLE stat_routed_customer ON COMMIT DROP AS
                SELECT k.provider_asn, k.customer_asn, r.country FROM asn_customer k
                JOIN stat_routed r ON r.asn = k.customer_asn;
            CREATE INDEX ON stat_routed_customer (provider_asn, country);
            ANALYZE stat_routed_customer""".formatted(ASSIGNED);

    /**
     * Members on each day the statistics look at (the 1st of each asked month, of the month before and of the
     * year before, each day once): distinct ASNs with a period covering the day. On an asked month's day,
     * speed and route-server flag come from that month's snapshot when it is stored, else from the period.
     * Then per day and IXP: members, route-server peers, speed, members registered in the IXP's country and
     * routed members of that country.
     */
    private static final String COVER = """
            DROP TABLE IF EXISTS stat_day; DROP TABLE IF EXISTS stat_cover; DROP TABLE IF EXISTS stat_day_agg;
            CREATE TEMP TABLE stat_day ON COMMIT DROP AS
                SELECT day, bool_or(asked) AS asked FROM (
                    SELECT month AS day, true AS asked FROM stat_month
                    UNION ALL SELECT (month - interval '1 month')::date, false FROM stat_month
                    UNION ALL SELECT (month - interval '12 months')::date, false FROM stat_month
                ) d GROUP BY day;
            CREATE TEMP TABLE stat_cover ON COMMIT DROP AS
                SELECT d.day, p.ixp_id, p.asn,
                       bool_or(coalesce(s.rs_peer, p.rs_peer)) AS rs_peer, max(coalesce(s.speed, p.speed)) AS speed
                FROM stat_day d
                JOIN membership_period p ON p.start_date <= d.day AND (p.end_date IS NULL OR p.end_date >= d.day)
                LEFT JOIN membership_snapshot s ON d.asked AND s.month = d.day AND s.ixp_id = p.ixp_id AND s.asn = p.asn
                GROUP BY d.day, p.ixp_id, p.asn;
            CREATE UNIQUE INDEX ON stat_cover (day, ixp_id, asn);
            ANALYZE stat_cover;
            CREATE TEMP TABLE stat_day_agg ON COMMIT DROP AS
                SELECT c.day, c.ixp_id, count(*) AS members, count(*) FILTER (WHERE c.rs_peer) AS rs_peers,
                       sum(c.speed) AS speed,
                       count(*) FILTER (WHERE g.country = i.country) AS local_members,
                       count(*) FILTER (WHERE r.country = i.country) AS local_routed_members
                FROM stat_cover c JOIN ixp i ON i.id = c.ixp_id
                LEFT JOIN stat_reg g ON g.asn = c.asn LEFT JOIN stat_routed r ON r.asn = c.asn
                GROUP BY c.day, c.ixp_id;
            CREATE UNIQUE INDEX ON stat_day_agg (day, ixp_id);
            ANALYZE stat_day_agg""";

    /**
     * One row per asked month and IXP with members that day, the month before or the year before (so that
     * the rows, like the values, depend on the history only). Joined and left over 12 months come from the
     * members common to both days: joined = members - common, left = members a year before - common.
     */
    private static final String IXP_STATS = """
            DELETE FROM ixp_monthly_stats WHERE month IN (SELECT month FROM stat_month);
            INSERT INTO ixp_monthly_stats (ixp_id, month, country, active, members, rs_peers, capacity,
                rs_peering_rate, local_asns_members_rate, local_routed_asns_members_rate,
                local_routed_asns_members_customers_rate, members_joined_last_12_months,
                members_left_last_12_months, monthly_members_change, monthly_members_change_percent)
            WITH country_asns AS (SELECT country, count(*) AS n FROM stat_reg GROUP BY country),
            country_routed AS (SELECT country, count(*) AS n FROM stat_routed GROUP BY country),
            keys AS (
                SELECT DISTINCT m.month, a.ixp_id FROM stat_month m JOIN stat_day_agg a
                    ON a.day IN (m.month, (m.month - interval '1 month')::date, (m.month - interval '12 months')::date)
            ), common AS (
                SELECT m.month, c.ixp_id, count(*) AS n FROM stat_month m
                JOIN stat_cover c ON c.day = m.month
                JOIN stat_cover o ON o.day = (m.month - interval '12 months')::date AND o.ixp_id = c.ixp_id AND o.asn = c.asn
                GROUP BY m.month, c.ixp_id
            ), with_customers AS (
                -- members and their customers, counted among the routed ASNs of the IXP's country
                SELECT u.month, u.ixp_id, count(*) AS n FROM (
                    SELECT m.month, c.ixp_id, c.asn FROM stat_month m JOIN stat_cover c ON c.day = m.month
                    JOIN ixp i ON i.id = c.ixp_id JOIN stat_routed r ON r.asn = c.asn AND r.country = i.country
                    UNION
                    SELECT m.month, c.ixp_id, k.customer_asn FROM stat_month m JOIN stat_cover c ON c.day = m.month
                    JOIN ixp i ON i.id = c.ixp_id
                    JOIN stat_routed_customer k ON k.provider_asn = c.asn AND k.country = i.country
                ) u
                GROUP BY u.month, u.ixp_id
            ), counted AS (
                SELECT k.ixp_id, k.month, i.country,
                       coalesce(a.members, 0) AS members, coalesce(a.rs_peers, 0) AS rs_peers,
                       coalesce(a.speed, 0) AS speed, coalesce(a.local_members, 0) AS local_members,
                       coalesce(a.local_routed_members, 0) AS local_routed_members,
                       coalesce(w.n, 0) AS with_customers, coalesce(ca.n, 0) AS country_asns,
                       coalesce(cr.n, 0) AS country_routed, coalesce(p.members, 0) AS previous,
                       coalesce(y.members, 0) AS year_before, coalesce(x.n, 0) AS common
                FROM keys k
                JOIN ixp i ON i.id = k.ixp_id
                LEFT JOIN stat_day_agg a ON a.day = k.month AND a.ixp_id = k.ixp_id
                LEFT JOIN stat_day_agg p ON p.day = (k.month - interval '1 month')::date AND p.ixp_id = k.ixp_id
                LEFT JOIN stat_day_agg y ON y.day = (k.month - interval '12 months')::date AND y.ixp_id = k.ixp_id
                LEFT JOIN common x ON x.month = k.month AND x.ixp_id = k.ixp_id
                LEFT JOIN with_customers w ON w.month = k.month AND w.ixp_id = k.ixp_id
                LEFT JOIN country_asns ca ON ca.country = i.country
                LEFT JOIN country_routed cr ON cr.country = i.country
            )
            SELECT ixp_id, month, country, members >= 3, members, rs_peers, speed / 1000.0,
                   CASE WHEN members = 0 THEN 0 ELSE rs_peers::float8 / members END,
                   CASE WHEN country_asns = 0 THEN 0 ELSE local_members::float8 / country_asns END,
                   CASE WHEN country_routed = 0 THEN 0 ELSE local_routed_members::float8 / country_routed END,
                   CASE WHEN country_routed = 0 THEN 0 ELSE with_customers::float8 / country_routed END,
                   members - common, year_before - common, members - previous,
                   CASE WHEN members = previous THEN 0 WHEN previous = 0 THEN 1.0
                        ELSE (members - previous)::float8 / previous END
            FROM counted""";

    /** Per country and asked month, over the active IXPs only: distinct member ASNs, capacity, rates. */
    private static final String COUNTRY_STATS = """
            DROP TABLE IF EXISTS stat_country_member;
            CREATE TEMP TABLE stat_country_member ON COMMIT DROP AS
                SELECT DISTINCT a.month, a.country, c.asn FROM ixp_monthly_stats a
                JOIN stat_cover c ON c.day = a.month AND c.ixp_id = a.ixp_id
                WHERE a.month IN (SELECT month FROM stat_month) AND a.active;
            ANALYZE stat_country_member;
            DELETE FROM country_monthly_stats WHERE month IN (SELECT month FROM stat_month);
            INSERT INTO country_monthly_stats (country, month, ixp_count, asn_count, routed_asn_count, member_count,
                asns_ixp_member_rate, routed_asns_ixp_member_rate, routed_asns_ixp_member_customers_rate,
                total_capacity)
            WITH country_asns AS (SELECT country, count(*) AS n FROM stat_reg GROUP BY country),
            country_routed AS (SELECT country, count(*) AS n FROM stat_routed GROUP BY country),
            countries AS (
                SELECT DISTINCT country, month FROM ixp_monthly_stats WHERE month IN (SELECT month FROM stat_month)
            ), with_customers AS (
                SELECT u.month, u.country, count(*) AS n FROM (
                    SELECT m.month, m.country, m.asn FROM stat_country_member m
                    JOIN stat_routed r ON r.asn = m.asn AND r.country = m.country
                    UNION
                    SELECT m.month, m.country, k.customer_asn FROM stat_country_member m
                    JOIN stat_routed_customer k ON k.provider_asn = m.asn AND k.country = m.country
                ) u
                GROUP BY u.month, u.country
            ), ixp_totals AS (
                SELECT month, country, count(*) AS n, sum(capacity) AS capacity FROM ixp_monthly_stats
                WHERE month IN (SELECT month FROM stat_month) AND active GROUP BY month, country
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
            LEFT JOIN country_routed cr ON cr.country = c.country""";

    /** The months statistics exist for, or could: every imported month and every month that has statistics. */
    private static final String KNOWN_MONTHS = "SELECT month FROM import_month UNION SELECT DISTINCT month FROM ixp_monthly_stats";

    /**
     * Recomputes what storing {@code month} can have changed: that month's statistics, and those of the known
     * months from the first changed day up to the last month that can see the change. Returns the months.
     */
    public Uni<List<LocalDate>> regenerateAfterImport(SqlConnection conn, LocalDate month, ChangedDays changed, Laps laps) {
        return conn.preparedQuery("SELECT month FROM (" + KNOWN_MONTHS + """
                ) m
                WHERE month = $1
                   OR ($2::date IS NOT NULL AND month >= $2 AND ($3::date IS NULL OR month <= $3))
                ORDER BY month""")
                .execute(Tuple.of(month, changed.from(), changed.lastAffectedMonth()))
                .chain(rows -> regenerate(conn, months(rows), laps));
    }

    /** Recomputes every known month: after the ASN registration changed, which every month's rates read. */
    public Uni<List<LocalDate>> regenerateAll(SqlConnection conn, Laps laps) {
        return conn.query(KNOWN_MONTHS + " ORDER BY month").execute().chain(rows -> regenerate(conn, months(rows), laps));
    }

    private Uni<List<LocalDate>> regenerate(SqlConnection conn, List<LocalDate> months, Laps laps) {
        return generate(conn, months, laps).replaceWith(months);
    }

    private static List<LocalDate> months(RowSet<Row> rows) {
        List<LocalDate> months = new ArrayList<>();
        rows.forEach(r -> months.add(r.getLocalDate("month")));
        return months;
    }

    /** Replaces the statistics of {@code months} (first days of months). */
    public Uni<Void> generate(SqlConnection conn, Collection<LocalDate> months, Laps laps) {
        if (months.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        LocalDate[] days = months.stream().map(m -> m.withDayOfMonth(1)).distinct().toArray(LocalDate[]::new);
        return conn.query("""
                SET LOCAL work_mem = '64MB';
                DROP TABLE IF EXISTS stat_month;
                CREATE TEMP TABLE stat_month (month date PRIMARY KEY) ON COMMIT DROP""").execute()
                .chain(() -> conn.preparedQuery("INSERT INTO stat_month SELECT DISTINCT unnest($1::date[])")
                        .execute(Tuple.tuple().addArrayOfLocalDate(days)))
                .chain(() -> conn.query(ASN_TABLES).execute())
                .chain(() -> conn.query(COVER).execute())
                .invoke(() -> laps.lap("stats_members"))
                .chain(() -> conn.query(IXP_STATS).execute())
                .invoke(() -> laps.lap("stats_ixps"))
                .chain(() -> conn.query(COUNTRY_STATS).execute())
                .invoke(() -> laps.lap("stats_countries"))
                .replaceWithVoid();
    }
}
