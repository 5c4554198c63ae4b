package org.observatory.logingest.storage;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

/**
 * TimescaleDB 2.x: {@code log_event} is a hypertable (chunks are created by TimescaleDB), rollups are continuous
 * aggregates with refresh policies (V2__timescaledb.sql). Policies only look a few days back, so hours invalidated
 * by late logs are refreshed here with {@code refresh_continuous_aggregate}, which refuses to run in a
 * transaction block. Not exercised by the test suite (no TimescaleDB on these machines); written against the
 * TimescaleDB 2.28 documentation.
 */
public final class TimescaleDialect implements StorageDialect {

    @Override
    public String name() {
        return "timescaledb";
    }

    @Override
    public Uni<Void> prepareMonths(Set<Instant> monthStarts) {
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<Void> refreshRollups(SqlConnection c, List<Instant> hours) {
        Instant from = hours.stream().min(Instant::compareTo).orElseThrow();
        Instant to = hours.stream().max(Instant::compareTo).orElseThrow().plus(1, ChronoUnit.HOURS);
        Instant dayFrom = from.truncatedTo(ChronoUnit.DAYS);
        Instant dayTo = to.truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS);
        Instant monthFrom = dayFrom.atOffset(ZoneOffset.UTC).withDayOfMonth(1).toInstant();
        Instant monthTo = dayTo.atOffset(ZoneOffset.UTC).withDayOfMonth(1).plusMonths(1).toInstant();
        return refresh(c, "log_rollup_hour", from, to)
                .chain(() -> refresh(c, "log_rollup_day", dayFrom, dayTo))
                .chain(() -> refresh(c, "log_rollup_month", monthFrom, monthTo));
    }

    private static Uni<Void> refresh(SqlConnection c, String view, Instant from, Instant to) {
        return c.preparedQuery("CALL refresh_continuous_aggregate($1::regclass, $2::timestamptz, $3::timestamptz)")
                .execute(Tuple.of(view, from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    @Override
    public boolean refreshNeedsAutocommit() {
        return true;
    }
}
