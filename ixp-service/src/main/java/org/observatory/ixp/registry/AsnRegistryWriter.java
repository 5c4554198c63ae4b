package org.observatory.ixp.registry;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.observatory.ixp.common.Chunks;

/** Replaces the stored ASN registration and ASN sets, on the caller's connection (one transaction). */
@ApplicationScoped
public class AsnRegistryWriter {

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

    private static Uni<Void> insertAsns(SqlConnection conn, String table, Set<Long> asns) {
        Function<List<Long>, Uni<?>> insert = chunk -> conn.preparedQuery(
                "INSERT INTO " + table + " (asn) SELECT unnest($1::bigint[]) ON CONFLICT DO NOTHING")
                .execute(Tuple.tuple().addArrayOfLong(chunk.toArray(Long[]::new)));
        return Chunks.each(new ArrayList<>(asns), insert);
    }
}
