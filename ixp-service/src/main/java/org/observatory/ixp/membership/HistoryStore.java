package org.observatory.ixp.membership;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.observatory.ixp.common.Chunks;
import org.observatory.ixp.common.Laps;
import org.observatory.ixp.peeringdb.IxRecord;
import org.observatory.ixp.peeringdb.NetRecord;
import org.observatory.ixp.snapshot.Membership;
import org.observatory.ixp.snapshot.MonthSnapshot;

/**
 * Stores a month's snapshot and rebuilds the membership periods it can change, on the caller's connection
 * (inside the month's transaction). Bulk rows go in as {@code unnest} arrays, a few statements per month.
 */
@ApplicationScoped
public class HistoryStore {

    private final Pool pool;

    public HistoryStore(Pool pool) {
        this.pool = pool;
    }

    /** Stored IXP ids: an incremental import keeps the members of IXPs PeeringDB did not send again. */
    public Uni<Set<Long>> storedIxpIds() {
        return pool.query("SELECT id FROM ixp").execute().map(rows -> {
            Set<Long> ids = new HashSet<>();
            rows.forEach(row -> ids.add(row.getLong("id")));
            return ids;
        });
    }

    /**
     * The days on which some membership's coverage changed: statistics of months whose 1st, the 1st of the month
     * before, or the 1st of the year before fall in it must be recomputed. {@code to} null means open-ended;
     * {@code from} null means nothing changed.
     */
    public record ChangedDays(LocalDate from, LocalDate to) {

        /** The last month whose statistics can see the change (null: every later month). */
        public LocalDate lastAffectedMonth() {
            return to == null ? null : to.plusDays(1).plusMonths(12);
        }
    }

    /**
     * Stores the month's IXPs and networks (newer months' versions win), records the month as imported and
     * replaces its memberships, then rebuilds the periods of the pairs this month can change and the IXPs'
     * active flags. Returns the days whose coverage changed, which tell the statistics what to recompute.
     */
    public Uni<ChangedDays> store(SqlConnection conn, MonthSnapshot snapshot, String source, LocalDate sourceDay, Laps laps) {
        LocalDate month = snapshot.month();
        return upsertIxps(conn, month, snapshot.ixps())
                .invoke(() -> laps.lap("store_ixps"))
                .chain(() -> upsertNetworks(conn, month, snapshot.networks()))
                .chain(() -> insertBareNetworks(conn, month, snapshot.memberships()))
                .invoke(() -> laps.lap("store_networks"))
                .chain(() -> markAffectedPairs(conn, month))
                .chain(() -> conn.preparedQuery("""
                        INSERT INTO import_month (month, source, source_day, imported_at) VALUES ($1, $2, $3, now())
                        ON CONFLICT (month) DO UPDATE SET source = EXCLUDED.source, source_day = EXCLUDED.source_day,
                            imported_at = EXCLUDED.imported_at""")
                        .execute(Tuple.of(month, source, sourceDay)).replaceWithVoid())
                .chain(() -> conn.preparedQuery("DELETE FROM membership_snapshot WHERE month = $1")
                        .execute(Tuple.of(month)).replaceWithVoid())
                .chain(() -> insertMemberships(conn, month, snapshot.memberships()))
                .chain(() -> conn.preparedQuery("""
                        INSERT INTO affected_pair SELECT ixp_id, asn FROM membership_snapshot WHERE month = $1
                        ON CONFLICT DO NOTHING""").execute(Tuple.of(month)).replaceWithVoid())
                .invoke(() -> laps.lap("store_memberships"))
                .chain(() -> rebuildPeriods(conn))
                .invoke(() -> laps.lap("periods"))
                .chain(() -> refreshActiveFlags(conn))
                .chain(() -> changedDays(conn))
                .invoke(() -> laps.lap("active_flags"));
    }

    /** Rebuilds every pair's periods: after the ASN registration changed, which moves end dates. */
    public Uni<Void> rebuildAllPeriods(SqlConnection conn) {
        return conn.query("""
                CREATE TEMP TABLE IF NOT EXISTS affected_pair (ixp_id bigint, asn bigint, PRIMARY KEY (ixp_id, asn))
                    ON COMMIT DROP;
                INSERT INTO affected_pair SELECT DISTINCT ixp_id, asn FROM membership_snapshot ON CONFLICT DO NOTHING""")
                .execute().replaceWithVoid()
                .chain(() -> rebuildPeriods(conn))
                .chain(() -> refreshActiveFlags(conn));
    }

    private Uni<Void> upsertIxps(SqlConnection conn, LocalDate month, List<IxRecord> ixps) {
        return Chunks.each(ixps, chunk -> conn.preparedQuery("""
                INSERT INTO ixp (id, name, name_long, city, country, website, org_id, created, updated, source_month)
                SELECT u.*, $10::date FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[],
                    $6::text[], $7::bigint[], $8::timestamptz[], $9::timestamptz[]) AS u
                ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, name_long = EXCLUDED.name_long,
                    city = EXCLUDED.city, country = EXCLUDED.country, website = EXCLUDED.website,
                    org_id = EXCLUDED.org_id, created = EXCLUDED.created, updated = EXCLUDED.updated,
                    source_month = EXCLUDED.source_month
                WHERE ixp.source_month <= EXCLUDED.source_month""")
                .execute(Tuple.tuple()
                        .addArrayOfLong(chunk.stream().map(IxRecord::id).toArray(Long[]::new))
                        .addArrayOfString(chunk.stream().map(IxRecord::name).toArray(String[]::new))
                        .addArrayOfString(chunk.stream().map(IxRecord::nameLong).toArray(String[]::new))
                        .addArrayOfString(chunk.stream().map(IxRecord::city).toArray(String[]::new))
                        .addArrayOfString(chunk.stream().map(IxRecord::country).toArray(String[]::new))
                        .addArrayOfString(chunk.stream().map(IxRecord::website).toArray(String[]::new))
                        .addArrayOfLong(chunk.stream().map(IxRecord::orgId).toArray(Long[]::new))
                        .addArrayOfOffsetDateTime(chunk.stream().map(IxRecord::created).toArray(OffsetDateTime[]::new))
                        .addArrayOfOffsetDateTime(chunk.stream().map(IxRecord::updated).toArray(OffsetDateTime[]::new))
                        .addLocalDate(month)));
    }

    private Uni<Void> upsertNetworks(SqlConnection conn, LocalDate month, List<NetRecord> nets) {
        return Chunks.each(nets, chunk -> conn.preparedQuery("""
                INSERT INTO network (peeringdb_id, asn, name, info_type, policy_general, created, updated, source_month)
                SELECT u.*, $8::date FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[],
                    $6::timestamptz[], $7::timestamptz[]) AS u
                ON CONFLICT (asn) DO UPDATE SET peeringdb_id = EXCLUDED.peeringdb_id, name = EXCLUDED.name,
                    info_type = EXCLUDED.info_type, policy_general = EXCLUDED.policy_general,
                    created = EXCLUDED.created, updated = EXCLUDED.updated, source_month = EXCLUDED.source_month
                WHERE network.source_month IS NULL OR network.source_month <= EXCLUDED.source_month""")
                .execute(Tuple.tuple()
                        .addArrayOfLong(chunk.stream().map(NetRecord::id).toArray(Long[]::new))
                        .addArrayOfLong(chunk.stream().map(NetRecord::asn).toArray(Long[]::new))
                        .addArrayOfString(chunk.stream().map(NetRecord::name).toArray(String[]::new))
                        .addArrayOfString(chunk.stream().map(NetRecord::infoType).toArray(String[]::new))
                        .addArrayOfString(chunk.stream().map(NetRecord::policyGeneral).toArray(String[]::new))
                        .addArrayOfOffsetDateTime(chunk.stream().map(NetRecord::created).toArray(OffsetDateTime[]::new))
                        .addArrayOfOffsetDateTime(chunk.stream().map(NetRecord::updated).toArray(OffsetDateTime[]::new))
                        .addLocalDate(month)));
    }

    /** A netixlan row may name an ASN whose net object is missing from the snapshot: keep the ASN. */
    private Uni<Void> insertBareNetworks(SqlConnection conn, LocalDate month, List<Membership> memberships) {
        Set<Long> asns = new LinkedHashSet<>();
        memberships.forEach(m -> asns.add(m.asn()));
        return Chunks.each(new ArrayList<>(asns), chunk -> conn.preparedQuery("""
                INSERT INTO network (asn) SELECT unnest($1::bigint[]) ON CONFLICT (asn) DO NOTHING""")
                .execute(Tuple.tuple().addArrayOfLong(chunk.toArray(Long[]::new))));
    }

    /**
     * Pairs whose periods can change when this month is (re)stored: those in its old snapshot and in the
     * stored months just before and after it. The new snapshot's pairs are added once it is stored.
     */
    private Uni<Void> markAffectedPairs(SqlConnection conn, LocalDate month) {
        return conn.query("""
                CREATE TEMP TABLE IF NOT EXISTS affected_pair (ixp_id bigint, asn bigint, PRIMARY KEY (ixp_id, asn))
                    ON COMMIT DROP""").execute()
                .chain(() -> conn.preparedQuery("""
                        INSERT INTO affected_pair
                        SELECT DISTINCT ixp_id, asn FROM membership_snapshot
                        WHERE month = $1
                           OR month = (SELECT max(month) FROM import_month WHERE month < $1)
                           OR month = (SELECT min(month) FROM import_month WHERE month > $1)
                        ON CONFLICT DO NOTHING""").execute(Tuple.of(month)))
                .replaceWithVoid();
    }

    private Uni<Void> insertMemberships(SqlConnection conn, LocalDate month, List<Membership> memberships) {
        return Chunks.each(memberships, chunk -> conn.preparedQuery("""
                INSERT INTO membership_snapshot (month, ixp_id, asn, rs_peer, speed, created)
                SELECT $1::date, u.* FROM unnest($2::bigint[], $3::bigint[], $4::boolean[], $5::bigint[],
                    $6::timestamptz[]) AS u""")
                .execute(Tuple.tuple()
                        .addLocalDate(month)
                        .addArrayOfLong(chunk.stream().map(Membership::ixpId).toArray(Long[]::new))
                        .addArrayOfLong(chunk.stream().map(Membership::asn).toArray(Long[]::new))
                        .addArrayOfBoolean(chunk.stream().map(Membership::rsPeer).toArray(Boolean[]::new))
                        .addArrayOfLong(chunk.stream().map(Membership::speed).toArray(Long[]::new))
                        .addArrayOfOffsetDateTime(chunk.stream().map(Membership::created).toArray(OffsetDateTime[]::new))));
    }

    /**
     * Derives the periods of the affected pairs from all stored months. Consecutive stored months in which a
     * pair is present form a run; a run after a gap continues the previous period when PeeringDB kept the
     * same {@code created} date (a soft-delete and resurrect), else it opens a new period. A period ends at
     * the end of its last month, unless that month is the latest stored one (open). For an ASN the RIRs no
     * longer list as assigned, the pair's last period ends at the end of the month before it was last seen,
     * never before the period's start.
     */
    private Uni<Void> rebuildPeriods(SqlConnection conn) {
        return conn.query("""
                SET LOCAL work_mem = '64MB';
                ANALYZE affected_pair;
                DROP TABLE IF EXISTS old_period;
                CREATE TEMP TABLE old_period ON COMMIT DROP AS
                    SELECT p.ixp_id, p.asn, p.start_date, p.end_date, p.rs_peer, p.speed
                    FROM membership_period p JOIN affected_pair a ON a.ixp_id = p.ixp_id AND a.asn = p.asn;
                DELETE FROM membership_period p USING affected_pair a WHERE p.ixp_id = a.ixp_id AND p.asn = a.asn;
                INSERT INTO membership_period (ixp_id, asn, start_date, end_date, rs_peer, speed, created,
                                               first_month, last_month)
                WITH months AS (
                    SELECT month, row_number() OVER (ORDER BY month) AS idx FROM import_month
                ), seen AS (
                    SELECT s.ixp_id, s.asn, s.month, s.rs_peer, s.speed, s.created,
                           m.idx - row_number() OVER (PARTITION BY s.ixp_id, s.asn ORDER BY s.month) AS run
                    FROM membership_snapshot s
                    JOIN months m ON m.month = s.month
                    JOIN affected_pair a ON a.ixp_id = s.ixp_id AND a.asn = s.asn
                ), runs AS (
                    SELECT ixp_id, asn, run, min(month) AS first_month, max(month) AS last_month,
                           (array_agg(created ORDER BY month))[1] AS created,
                           (array_agg(rs_peer ORDER BY month DESC))[1] AS rs_peer,
                           (array_agg(speed ORDER BY month DESC))[1] AS speed
                    FROM seen GROUP BY ixp_id, asn, run
                ), chained AS (
                    SELECT r.*,
                           CASE WHEN lag(run) OVER w IS NOT NULL
                                     AND lag(created::date) OVER w IS NOT DISTINCT FROM created::date
                                THEN 0 ELSE 1 END AS opens
                    FROM runs r WINDOW w AS (PARTITION BY ixp_id, asn ORDER BY first_month)
                ), numbered AS (
                    SELECT c.*, sum(opens) OVER (PARTITION BY ixp_id, asn ORDER BY first_month) AS period_no
                    FROM chained c
                ), periods AS (
                    SELECT ixp_id, asn, period_no,
                           (array_agg(created ORDER BY first_month))[1] AS created,
                           min(first_month) AS first_month, max(last_month) AS last_month,
                           (array_agg(rs_peer ORDER BY last_month DESC))[1] AS rs_peer,
                           (array_agg(speed ORDER BY last_month DESC))[1] AS speed,
                           period_no = max(period_no) OVER (PARTITION BY ixp_id, asn) AS is_last
                    FROM numbered GROUP BY ixp_id, asn, period_no
                ), dated AS (
                    SELECT p.*, coalesce(p.created::date, p.first_month) AS start_date,
                           r.status IS NOT NULL AND r.status NOT IN ('assigned', 'allocated') AS unassigned
                    FROM periods p LEFT JOIN asn_registration r ON r.asn = p.asn
                )
                SELECT ixp_id, asn, start_date,
                       CASE WHEN unassigned AND is_last
                                THEN greatest(start_date, last_month - 1)
                            WHEN last_month = (SELECT max(month) FROM import_month) THEN NULL
                            ELSE greatest(start_date, (last_month + interval '1 month' - interval '1 day')::date)
                       END,
                       rs_peer, speed, created, first_month, last_month
                FROM dated""").execute().replaceWithVoid();
    }

    /**
     * Compares the affected pairs' periods before and after the rebuild. Coverage can only differ between the
     * smallest and largest start or end date that is not common to both (each period has one start and one end,
     * so outside that span the counts agree); periods that kept their dates but changed speed or route-server
     * flag count whole.
     */
    private Uni<ChangedDays> changedDays(SqlConnection conn) {
        return conn.query("""
                WITH new_p AS (
                    SELECT p.ixp_id, p.asn, p.start_date, coalesce(p.end_date, 'infinity'::date) AS end_date,
                           p.rs_peer, p.speed
                    FROM membership_period p JOIN affected_pair a ON a.ixp_id = p.ixp_id AND a.asn = p.asn
                ), old_p AS (
                    SELECT ixp_id, asn, start_date, coalesce(end_date, 'infinity'::date) AS end_date, rs_peer, speed
                    FROM old_period
                ), boundaries AS (
                    (SELECT ixp_id, asn, start_date AS day FROM old_p EXCEPT ALL SELECT ixp_id, asn, start_date FROM new_p)
                    UNION ALL
                    (SELECT ixp_id, asn, start_date FROM new_p EXCEPT ALL SELECT ixp_id, asn, start_date FROM old_p)
                    UNION ALL
                    (SELECT ixp_id, asn, end_date FROM old_p EXCEPT ALL SELECT ixp_id, asn, end_date FROM new_p)
                    UNION ALL
                    (SELECT ixp_id, asn, end_date FROM new_p EXCEPT ALL SELECT ixp_id, asn, end_date FROM old_p)
                ), attributes AS (
                    (SELECT * FROM old_p EXCEPT SELECT * FROM new_p) UNION (SELECT * FROM new_p EXCEPT SELECT * FROM old_p)
                ), days AS (
                    SELECT day FROM boundaries
                    UNION ALL SELECT start_date FROM attributes
                    UNION ALL SELECT end_date FROM attributes
                )
                SELECT min(day) AS first_day, max(day) AS last_day FROM days""").execute()
                .map(rows -> {
                    var row = rows.iterator().next();
                    LocalDate first = row.getLocalDate("first_day");
                    LocalDate last = row.getLocalDate("last_day");
                    boolean open = last != null && (last.equals(LocalDate.MAX) || last.getYear() > 9000);
                    return new ChangedDays(first, open ? null : last);
                });
    }

    private Uni<Void> refreshActiveFlags(SqlConnection conn) {
        return conn.query("""
                UPDATE ixp i SET active = coalesce(o.open_members, 0) >= 3
                FROM ixp x LEFT JOIN (SELECT ixp_id, count(DISTINCT asn) AS open_members FROM membership_period
                                      WHERE end_date IS NULL GROUP BY ixp_id) o ON o.ixp_id = x.id
                WHERE i.id = x.id AND i.active IS DISTINCT FROM (coalesce(o.open_members, 0) >= 3)""")
                .execute().replaceWithVoid();
    }
}
