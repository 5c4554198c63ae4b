package org.observatory.common.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.pgclient.PgException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The database failures a request can meet, as the reactive PostgreSQL client reports them. */
class DatabaseFailuresTest {

    @Test
    void aServerShuttingDownOrRestartingIsUnavailable() {
        for (String state : new String[] {"57P01", "57P02", "57P03", "08006", "08001"}) {
            PgException e = new PgException("terminating connection due to administrator command", "FATAL", state, null);
            assertEquals(DatabaseFailures.Kind.UNAVAILABLE, DatabaseFailures.classify(e), state);
            assertEquals(DatabaseFailures.Kind.UNAVAILABLE, DatabaseFailures.classify(new CompletionException(e)), state);
        }
    }

    @Test
    void aRefusedConnectionIsUnavailable() {
        assertEquals(DatabaseFailures.Kind.UNAVAILABLE,
                DatabaseFailures.classify(new RuntimeException("pool", new ConnectException("Connection refused"))));
        assertEquals(DatabaseFailures.Kind.UNAVAILABLE,
                DatabaseFailures.classify(new java.net.SocketException("Connection reset")));
    }

    @Test
    void aNulCharacterInTextIsTheClientsBadValue() {
        PgException nul = new PgException("invalid byte sequence for encoding \"UTF8\": 0x00", "ERROR", "22021", null);
        PgException jsonb = new PgException("unsupported Unicode escape sequence", "ERROR", "22P05", null);
        assertEquals(DatabaseFailures.Kind.BAD_VALUE, DatabaseFailures.classify(nul));
        assertEquals(DatabaseFailures.Kind.BAD_VALUE, DatabaseFailures.classify(jsonb));
    }

    @Test
    void otherFailuresStayServerErrors() {
        assertEquals(DatabaseFailures.Kind.OTHER, DatabaseFailures.classify(
                new PgException("duplicate key value violates unique constraint", "ERROR", "23505", null)));
        assertEquals(DatabaseFailures.Kind.OTHER, DatabaseFailures.classify(new IllegalStateException("bug")));
    }
}
