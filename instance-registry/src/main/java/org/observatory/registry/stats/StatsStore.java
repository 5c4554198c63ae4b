package org.observatory.registry.stats;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** The statistics' reads: aggregate queries with the reactive SQL client. */
@ApplicationScoped
public class StatsStore {

    private final Pool pool;

    public StatsStore(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<Statistics.CountryCount>> countries() {
        return pool.query("""
                SELECT country_code, max(country_name) AS country_name, avg(latitude) AS latitude,
                       avg(longitude) AS longitude, count(*) AS instances
                FROM instance WHERE enabled AND country_code IS NOT NULL
                GROUP BY country_code ORDER BY count(*) DESC, country_code""").execute().map(rows -> {
            List<Statistics.CountryCount> counts = new ArrayList<>();
            for (Row row : rows) {
                counts.add(new Statistics.CountryCount(row.getString("country_code"), row.getString("country_name"),
                        row.getDouble("latitude"), row.getDouble("longitude"), row.getLong("instances")));
            }
            return counts;
        });
    }

    /** Per UTC day with registrations; the cumulative count includes every instance registered so far. */
    public Uni<List<Statistics.RegistrationDay>> registrations() {
        return pool.query("""
                SELECT day, registrations, sum(registrations) OVER (ORDER BY day) AS cumulative
                FROM (SELECT (registered AT TIME ZONE 'UTC')::date AS day, count(*) AS registrations
                      FROM instance GROUP BY 1) AS d
                ORDER BY day""").execute().map(rows -> {
            List<Statistics.RegistrationDay> days = new ArrayList<>();
            for (Row row : rows) {
                days.add(new Statistics.RegistrationDay(row.getLocalDate("day"), row.getLong("registrations"),
                        row.getNumeric("cumulative").longValue()));
            }
            return days;
        });
    }

    public Uni<List<FieldSeriesCalculator.InstanceFields>> enabledFields() {
        return pool.query("SELECT country_code, crawled FROM instance WHERE enabled AND crawled <> '{}'::jsonb")
                .execute().map(rows -> {
                    List<FieldSeriesCalculator.InstanceFields> instances = new ArrayList<>();
                    for (Row row : rows) {
                        Object crawled = row.getValue("crawled");
                        instances.add(new FieldSeriesCalculator.InstanceFields(row.getString("country_code"),
                                crawled instanceof JsonObject object ? object : new JsonObject()));
                    }
                    return instances;
                });
    }
}
