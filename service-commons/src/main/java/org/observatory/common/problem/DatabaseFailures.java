package org.observatory.common.problem;

import java.net.ConnectException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells, from an exception's cause chain, whether the database refused a value (a client's fault: 400) or is
 * unavailable (shutting down, restarting, unreachable: 503 and try again). Works by class name and SQLSTATE so
 * that this library needs no database client on its class path (the gateway has none).
 */
final class DatabaseFailures {

    /** What the failure says about the request. */
    enum Kind { BAD_VALUE, UNAVAILABLE, OTHER }

    // PgException's message ends with its SQLSTATE: "FATAL: terminating connection due to administrator command (57P01)".
    private static final Pattern SQLSTATE = Pattern.compile("\\(([0-9A-Z]{5})\\)\\s*$");
    // 22021 character_not_in_repertoire (NUL in text), 22P05 untranslatable_character.
    private static final Set<String> BAD_VALUE = Set.of("22021", "22P05");
    // 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now; class 08 is connection exceptions.
    private static final Set<String> UNAVAILABLE = Set.of("57P01", "57P02", "57P03", "53300");
    private static final Set<String> CONNECTION_FAILURES = Set.of("io.vertx.sqlclient.ClosedConnectionException",
            "io.vertx.core.http.ConnectionPoolTooBusyException", "io.vertx.sqlclient.spi.ConnectionFactory.Unavailable");

    private DatabaseFailures() {
    }

    static Kind classify(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause() == e ? null : e.getCause()) {
            String name = e.getClass().getName();
            if (name.equals("io.vertx.pgclient.PgException") && e.getMessage() != null) {
                Matcher state = SQLSTATE.matcher(e.getMessage());
                if (state.find()) {
                    String code = state.group(1);
                    if (BAD_VALUE.contains(code)) {
                        return Kind.BAD_VALUE;
                    }
                    if (UNAVAILABLE.contains(code) || code.startsWith("08")) {
                        return Kind.UNAVAILABLE;
                    }
                }
            }
            // A reset socket: the server went away mid-query (seen when PostgreSQL restarts under load).
            if (e instanceof ConnectException || e instanceof java.net.SocketException || CONNECTION_FAILURES.contains(name)
                    || (e.getMessage() != null && e.getMessage().startsWith("Connection is closed"))) {
                return Kind.UNAVAILABLE;
            }
        }
        return Kind.OTHER;
    }
}
