package org.observatory.common.lock;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs a job on one replica at a time, with a PostgreSQL session advisory lock named after the job.
 * The lock lives on a connection held for the length of the job, so it is freed even if the replica dies.
 */
public final class JobLock {

    private final Pool pool;

    public JobLock(Pool pool) {
        this.pool = pool;
    }

    /**
     * Runs {@code job} if no other replica (or thread) holds the lock named {@code name}.
     *
     * @return the job's result, or empty when another holder had the lock and the job did not run
     */
    public <T> Uni<Optional<T>> runExclusively(String name, Supplier<Uni<T>> job) {
        return pool.getConnection().onItem().transformToUni(connection -> tryLock(connection, name)
                .onItem().transformToUni(locked -> locked
                        ? job.get().map(Optional::ofNullable)
                                .eventually(() -> unlock(connection, name))
                        : Uni.createFrom().item(Optional.<T>empty()))
                .eventually(connection::close));
    }

    private static Uni<Boolean> tryLock(SqlConnection connection, String name) {
        return connection.preparedQuery("SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked")
                .execute(Tuple.of(name))
                .map(rows -> rows.iterator().next().getBoolean("locked"));
    }

    private static Uni<Void> unlock(SqlConnection connection, String name) {
        return connection.preparedQuery("SELECT pg_advisory_unlock(hashtextextended($1, 0))")
                .execute(Tuple.of(name))
                .replaceWithVoid()
                .onFailure().recoverWithNull();
    }
}
