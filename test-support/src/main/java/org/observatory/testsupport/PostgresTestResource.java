package org.observatory.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts a private PostgreSQL cluster for a module's Quarkus tests and points both the reactive
 * datasource and Flyway's JDBC datasource at it. One cluster per Quarkus start, removed afterwards.
 *
 * <p>Arg {@code database} names the database (default {@code observatory}).
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private LocalPostgres postgres;
    private String database = "observatory";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        postgres = LocalPostgres.start(database);
        return Map.of(
                "quarkus.datasource.reactive.url", postgres.reactiveUrl(database),
                "quarkus.datasource.jdbc.url", postgres.jdbcUrl(database),
                "quarkus.datasource.username", LocalPostgres.USER,
                "quarkus.datasource.password", "unused-with-trust-auth");
    }

    @Override
    public void stop() {
        if (postgres != null) {
            postgres.close();
        }
    }
}
