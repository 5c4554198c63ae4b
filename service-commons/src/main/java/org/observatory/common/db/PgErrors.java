package org.observatory.common.db;

import java.net.ConnectException;
import java.net.SocketException;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;

/**
 * What a PostgreSQL failure means, from the SQLSTATE anywhere in its cause chain: the reactive client's
 * {@code PgException} (a {@code DatabaseException}) and Hibernate Reactive's {@code JDBCException}, which carries
 * the state in a {@link SQLException}. The gateway has no database client, so the client's classes are touched only
 * when they are on the class path.
 */
public final class PgErrors {

    /** unique_violation */
    public static final String UNIQUE_VIOLATION = "23505";
    /** serialization_failure */
    public static final String SERIALIZATION_FAILURE = "40001";
    /** deadlock_detected */
    public static final String DEADLOCK = "40P01";

    // lock_not_available (lock_timeout), query_canceled (statement_timeout), idle_in_transaction_session_timeout.
    private static final Set<String> TIMEOUTS = Set.of("55P03", "57014", "25P03");
    // admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections; class 08 is connection exceptions.
    private static final Set<String> UNAVAILABLE = Set.of("57P01", "57P02", "57P03", "53300");
    // character_not_in_repertoire (a NUL in text), untranslatable_character (\u0000 in jsonb).
    private static final Set<String> BAD_VALUE = Set.of("22021", "22P05");
    private static final Set<String> CONNECTION_FAILURES = Set.of("io.vertx.sqlclient.ClosedConnectionException",
            "io.vertx.core.http.ConnectionPoolTooBusyException");
    private static final boolean SQL_CLIENT = present("io.vertx.sqlclient.DatabaseException");

    private PgErrors() {
    }

    /** The first SQLSTATE in the cause chain, if any. */
    public static Optional<String> sqlState(Throwable failure) {
        for (Throwable e = failure; e != null; e = next(e)) {
            String state = SQL_CLIENT ? SqlClient.sqlState(e) : null;
            if (state == null && e instanceof SQLException sql) {
                state = sql.getSQLState();
            }
            if (state != null) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }

    /** A row with the same key exists (or was written at the same moment by another transaction). */
    public static boolean isUniqueViolation(Throwable failure) {
        return sqlState(failure).filter(UNIQUE_VIOLATION::equals).isPresent();
    }

    /** PostgreSQL broke a tie between concurrent transactions (serialization failure or deadlock). */
    public static boolean isConflict(Throwable failure) {
        return sqlState(failure).filter(s -> s.equals(SERIALIZATION_FAILURE) || s.equals(DEADLOCK)).isPresent();
    }

    /** A session timeout fired: lock_timeout, statement_timeout or idle_in_transaction_session_timeout. */
    public static boolean isTimeout(Throwable failure) {
        return sqlState(failure).filter(TIMEOUTS::contains).isPresent();
    }

    /** The value cannot be stored as text at all (a NUL character): the client's fault. */
    public static boolean isBadValue(Throwable failure) {
        return sqlState(failure).filter(BAD_VALUE::contains).isPresent();
    }

    /** The database is shutting down, restarting, full of connections or unreachable. */
    public static boolean isUnavailable(Throwable failure) {
        Optional<String> state = sqlState(failure);
        if (state.isPresent() && (UNAVAILABLE.contains(state.get()) || state.get().startsWith("08"))) {
            return true;
        }
        for (Throwable e = failure; e != null; e = next(e)) {
            // A reset socket: the server went away mid-query (seen when PostgreSQL restarts under load).
            if (e instanceof ConnectException || e instanceof SocketException
                    || CONNECTION_FAILURES.contains(e.getClass().getName())
                    || (e.getMessage() != null && e.getMessage().startsWith("Connection is closed"))) {
                return true;
            }
        }
        return false;
    }

    /** The same work may succeed if run again: a conflict between transactions or a lost connection. */
    public static boolean isRetryable(Throwable failure) {
        return isConflict(failure) || isUnavailable(failure);
    }

    private static Throwable next(Throwable e) {
        return e.getCause() == e ? null : e.getCause();
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, PgErrors.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Loaded only where the reactive SQL client is on the class path. */
    private static final class SqlClient {
        static String sqlState(Throwable e) {
            return e instanceof io.vertx.sqlclient.DatabaseException db ? db.getSqlState() : null;
        }
    }
}
