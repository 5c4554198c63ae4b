package org.observatory.ixp.registry;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Reads the stored ASN registration. */
@ApplicationScoped
public class AsnRegistryReader {

    private final Pool pool;

    public AsnRegistryReader(Pool pool) {
        this.pool = pool;
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
}
