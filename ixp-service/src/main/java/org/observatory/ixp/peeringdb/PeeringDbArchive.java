package org.observatory.ixp.peeringdb;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.Optional;
import org.observatory.ixp.IxpConfig;
import org.observatory.ixp.common.SourceFetcher;

/**
 * CAIDA's daily PeeringDB dumps, by URL pattern or from a local directory laid out the same way. A month is
 * represented by its earliest available day: dumps are missing on some days.
 */
@ApplicationScoped
public class PeeringDbArchive {

    /** A month's dump: the day it was taken, where it came from, and its bytes. */
    public record Dump(LocalDate day, String location, byte[] bytes) {
    }

    private final SourceFetcher fetcher;
    private final String pattern;

    public PeeringDbArchive(SourceFetcher fetcher, IxpConfig config) {
        this.fetcher = fetcher;
        this.pattern = config.archive().locationPattern();
    }

    /** The earliest dump of the month, or empty when the archive has none for any of its days. */
    public Uni<Optional<Dump>> earliestDump(LocalDate month) {
        return tryDay(month.withDayOfMonth(1));
    }

    /** Where the month's first day would be. */
    public String locationOf(LocalDate month) {
        return location(pattern, month.withDayOfMonth(1));
    }

    private Uni<Optional<Dump>> tryDay(LocalDate day) {
        String location = location(pattern, day);
        return fetcher.fetchIfExists(location).chain(found -> {
            if (found.isPresent()) {
                return Uni.createFrom().item(Optional.of(new Dump(day, location, found.get())));
            }
            LocalDate next = day.plusDays(1);
            return next.getMonth() == day.getMonth() ? tryDay(next) : Uni.createFrom().item(Optional.<Dump>empty());
        });
    }

    /**
     * Fills {@code %Y} (year), {@code %m} and {@code %d} (two-digit month and day) in the pattern, as strftime
     * does; not braces, which the configuration would read as the end of an expression.
     */
    static String location(String pattern, LocalDate day) {
        return pattern.replace("%Y", String.valueOf(day.getYear()))
                .replace("%m", String.format("%02d", day.getMonthValue()))
                .replace("%d", String.format("%02d", day.getDayOfMonth()));
    }
}
