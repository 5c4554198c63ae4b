package org.observatory.perfarchive.auth;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** ps_api_key rows. */
@ApplicationScoped
public class ApiKeyStore {

    private static final String COLUMNS = "id, username, description, roles, created_at, revoked_at";

    private final Pool pool;

    public ApiKeyStore(Pool pool) {
        this.pool = pool;
    }

    public Uni<Optional<ApiKey>> findActive(String hash) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM ps_api_key WHERE key_hash = $1 AND revoked_at IS NULL")
                .execute(Tuple.of(hash))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty() : Optional.of(map(rows.iterator().next())));
    }

    public Uni<ApiKey> insert(String username, String description, String hash, Set<String> roles) {
        return pool.preparedQuery("INSERT INTO ps_api_key (username, description, key_hash, roles) VALUES ($1, $2, $3, $4) "
                        + "RETURNING " + COLUMNS)
                .execute(Tuple.of(username, description, hash, roles.toArray(new String[0])))
                .map(rows -> map(rows.iterator().next()));
    }

    public Uni<List<ApiKey>> list() {
        return pool.query("SELECT " + COLUMNS + " FROM ps_api_key ORDER BY id").execute().map(rows -> {
            List<ApiKey> keys = new ArrayList<>();
            rows.forEach(r -> keys.add(map(r)));
            return keys;
        });
    }

    /** Marks the key revoked; false when there is no such key. */
    public Uni<Boolean> revoke(long id) {
        return pool.preparedQuery("UPDATE ps_api_key SET revoked_at = COALESCE(revoked_at, now()) WHERE id = $1")
                .execute(Tuple.of(id)).map(rows -> rows.rowCount() > 0);
    }

    private static ApiKey map(Row r) {
        return new ApiKey(r.getLong("id"), r.getString("username"), r.getString("description"),
                Set.of(r.getArrayOfStrings("roles")), r.getOffsetDateTime("created_at"), r.getOffsetDateTime("revoked_at"));
    }
}
