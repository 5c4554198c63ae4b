package org.observatory.ixp.registry;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.observatory.ixp.common.Chunks;

/** The stored ASN registration, ASN sets and the record of loads (reactive SQL). */
@ApplicationScoped
public class AsnRegistryStore {

    private final Pool pool;

    public AsnRegistryStore(Pool pool) {
        this.pool = pool;
    }

    /** Whether the registry was ever loaded. */
    public Uni<Boolean> everLoaded() {
        return pool.query("SELECT EXISTS (SELECT 1 FROM asn_registry_load) AS loaded").execute()
                .map(rows -> rows.iterator().next().getBoolean("loaded"));
    }

    public Uni<Optional<RegistrationView>> find(long asn) {
        return pool.preparedQuery("""
                SELECT r.registry, r.country, r.status, r.reg_date,
                       EXISTS (SELECT 1 FROM routed_asn x WHERE x.asn = $1) AS routed,
                       EXISTS (SELECT 1 FROM manrs_participant m WHERE m.asn = $1) AS manrs
                FROM asn_registration r WHERE r.asn = $1""")
                .execute(Tuple.of(asn))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    String country = row.getString("country");
                    return Optional.of(new RegistrationView(row.getString("registry"),
                            country == null ? null : country.strip(), row.getString("status"),
                            row.getLocalDate("reg_date"), row.getBoolean("routed"), row.getBoolean("manrs")));
                });
    }

    /** Replaces the stored ASN registration and ASN sets, on the caller's connection (one transaction). */
    public Uni<Void> replace(SqlConnection conn, List<AsnRegistration> registrations, Set<Long> routed,
            List<CustomerLink> customers, Set<Long> manrs) {
        return conn.query("DELETE FROM asn_registration; DELETE FROM routed_asn; DELETE FROM asn_customer;"
                        + " DELETE FROM manrs_participant").execute()
                .chain(() -> Chunks.each(registrations, chunk -> conn.preparedQuery("""
                        INSERT INTO asn_registration (asn, registry, country, status, reg_date)
                        SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::date[])""")
                        .execute(Tuple.tuple()
                                .addArrayOfLong(chunk.stream().map(AsnRegistration::asn).toArray(Long[]::new))
                                .addArrayOfString(chunk.stream().map(AsnRegistration::registry).toArray(String[]::new))
                                .addArrayOfString(chunk.stream().map(AsnRegistration::country).toArray(String[]::new))
                                .addArrayOfString(chunk.stream().map(AsnRegistration::status).toArray(String[]::new))
                                .addArrayOfLocalDate(chunk.stream().map(AsnRegistration::date).toArray(LocalDate[]::new)))))
                .chain(() -> insertAsns(conn, "routed_asn", routed))
                .chain(() -> insertAsns(conn, "manrs_participant", manrs))
                .chain(() -> Chunks.each(customers, chunk -> conn.preparedQuery("""
                        INSERT INTO asn_customer (provider_asn, customer_asn)
                        SELECT * FROM unnest($1::bigint[], $2::bigint[]) ON CONFLICT DO NOTHING""")
                        .execute(Tuple.tuple()
                                .addArrayOfLong(chunk.stream().map(CustomerLink::provider).toArray(Long[]::new))
                                .addArrayOfLong(chunk.stream().map(CustomerLink::customer).toArray(Long[]::new)))));
    }

    /** Records a load (its day and counts, JSON), on the caller's connection. */
    public Uni<Void> recordLoad(SqlConnection conn, LocalDate asOf, String countsJson) {
        return conn.preparedQuery("INSERT INTO asn_registry_load (as_of, counts) VALUES ($1, $2::text::jsonb)")
                .execute(Tuple.of(asOf, countsJson)).replaceWithVoid();
    }

    private static Uni<Void> insertAsns(SqlConnection conn, String table, Set<Long> asns) {
        Function<List<Long>, Uni<?>> insert = chunk -> conn.preparedQuery(
                "INSERT INTO " + table + " (asn) SELECT unnest($1::bigint[]) ON CONFLICT DO NOTHING")
                .execute(Tuple.tuple().addArrayOfLong(chunk.toArray(Long[]::new)));
        return Chunks.each(new ArrayList<>(asns), insert);
    }
}
