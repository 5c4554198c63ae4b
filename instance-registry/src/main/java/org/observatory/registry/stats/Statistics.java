package org.observatory.registry.stats;

import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The statistics' shapes. */
public final class Statistics {

    private Statistics() {
    }

    /** Enabled instances in one country, with a point for a map (the mean of its instances' coordinates). */
    public record CountryCount(String countryCode, String countryName, Double latitude, Double longitude, long instances) {
    }

    /** Registrations on one day and all registrations up to and including it. */
    public record RegistrationDay(LocalDate day, long registrations, long cumulative) {
    }

    /** One chart: the series of one crawled field, as configured. */
    public record FieldSeries(String field, String label, String chartType, String chartAggregation, String aggregateBy,
            List<Point> points) {
    }

    /** One bar, slice or point of a chart: a group (a value, a country or another field's value) and its number. */
    @Schema(name = "ChartPoint")
    public record Point(String key, double value) {
    }
}
