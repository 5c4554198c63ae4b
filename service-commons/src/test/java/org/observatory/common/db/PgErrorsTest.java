package org.observatory.common.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.net.SocketException;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The database failures the services meet, as the reactive PostgreSQL client and Hibernate Reactive report them. */
class PgErrorsTest {

    private static PgException pg(String state) {
        return new PgException("message of " + state, "ERROR", state, null);
    }

    @Test
    void readsTheSqlStateThroughWrappersOfTheReactiveClientAndHibernate() {
        assertEquals(Optional.of("23505"), PgErrors.sqlState(new CompletionException(new RuntimeException(pg("23505")))));
        // Hibernate Reactive turns the client's exception into a JDBCException over an SQLException with the state.
        assertEquals(Optional.of("23505"), PgErrors.sqlState(new RuntimeException("could not execute statement",
                new SQLException("duplicate key value violates unique constraint", "23505", 0))));
        assertEquals(Optional.empty(), PgErrors.sqlState(new IllegalStateException("bug")));
        assertEquals(Optional.empty(), PgErrors.sqlState(null));
    }

    @Test
    void aDuplicateKeyIsAUniqueViolationAndNothingElseIs() {
        assertTrue(PgErrors.isUniqueViolation(pg("23505")));
        assertTrue(PgErrors.isUniqueViolation(new CompletionException(pg("23505"))));
        assertTrue(PgErrors.isUniqueViolation(new RuntimeException(new SQLException("dup", "23505"))));
        assertFalse(PgErrors.isUniqueViolation(pg("23503")));
        // A message that merely mentions the code is not a unique violation.
        assertFalse(PgErrors.isUniqueViolation(new IllegalArgumentException("value 23505 is out of range")));
    }

    @Test
    void serializationFailuresAndDeadlocksAreConflictsWorthRetrying() {
        for (String state : new String[] {"40001", "40P01"}) {
            assertTrue(PgErrors.isConflict(pg(state)), state);
            assertTrue(PgErrors.isRetryable(new CompletionException(pg(state))), state);
        }
        assertFalse(PgErrors.isConflict(pg("23505")));
        assertFalse(PgErrors.isRetryable(pg("23505")));
        assertFalse(PgErrors.isRetryable(pg("22021")));
    }

    @Test
    void lostOrRefusedConnectionsAreUnavailableAndRetryable() {
        for (String state : new String[] {"57P01", "57P02", "57P03", "53300", "08006", "08001"}) {
            assertTrue(PgErrors.isUnavailable(pg(state)), state);
            assertTrue(PgErrors.isUnavailable(new CompletionException(pg(state))), state);
            assertTrue(PgErrors.isRetryable(pg(state)), state);
        }
        assertTrue(PgErrors.isUnavailable(new RuntimeException("pool", new ConnectException("Connection refused"))));
        assertTrue(PgErrors.isUnavailable(new SocketException("Connection reset")));
        assertTrue(PgErrors.isRetryable(ClosedConnectionException.INSTANCE));
        assertFalse(PgErrors.isUnavailable(pg("23505")));
        assertFalse(PgErrors.isUnavailable(new IllegalStateException("bug")));
    }

    @Test
    void sessionTimeoutsAreTimeouts() {
        for (String state : new String[] {"55P03", "57014", "25P03"}) {
            assertTrue(PgErrors.isTimeout(pg(state)), state);
        }
        assertFalse(PgErrors.isTimeout(pg("40001")));
    }

    @Test
    void aNulCharacterInTextIsTheClientsBadValue() {
        assertTrue(PgErrors.isBadValue(new PgException("invalid byte sequence for encoding \"UTF8\": 0x00", "ERROR", "22021", null)));
        assertTrue(PgErrors.isBadValue(new PgException("unsupported Unicode escape sequence", "ERROR", "22P05", null)));
        assertFalse(PgErrors.isBadValue(pg("23505")));
    }
}
