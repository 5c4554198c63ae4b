package org.observatory.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.observatory.testsupport.LocalPostgres;

/**
 * Runs every query of the shipped Grafana dashboards, macros expanded as Grafana's PostgreSQL datasource expands
 * them, against a real PostgreSQL with the services' own migrations and data in it, as the read-only role, so that
 * no dashboard ships a query that fails or finds nothing.
 */
class GrafanaDashboardQueriesTest {

    static final Path ROOT = Path.of(System.getProperty("repository.root", ".."));
    static final Path GRAFANA = ROOT.resolve("k8s/grafana");
    static final Instant TO = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static final Instant FROM = TO.minus(30, ChronoUnit.DAYS);
    static final Map<String, String> DATABASES = Map.of("observatory-traffic", "logingest", "observatory-measurements", "perfarchive");
    static LocalPostgres pg;

    @BeforeAll
    static void databasesWithSchemasAndData() throws Exception {
        pg = LocalPostgres.start("logingest");
        try (Connection c = admin("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE perfarchive");
        }
        migrate("logingest", ROOT.resolve("log-ingest/src/main/resources/db/migration"));
        migrate("perfarchive", ROOT.resolve("perf-archive/src/main/resources/db/migration"));
        try (Connection c = admin("logingest"); Statement s = c.createStatement()) {
            s.execute(TRAFFIC_DATA);
        }
        try (Connection c = admin("perfarchive"); Statement s = c.createStatement()) {
            s.execute(MEASUREMENT_DATA);
        }
        for (String db : List.of("logingest", "perfarchive")) {
            try (Connection c = admin(db); Statement s = c.createStatement()) {
                s.execute(Files.readString(GRAFANA.resolve("readonly-role.sql")));
            }
        }
    }

    @AfterAll
    static void stop() {
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void everyTrafficPanelQueryRunsAndFindsData() throws Exception {
        assertEveryQueryAnswers("traffic.json");
    }

    @Test
    void everyMeasurementPanelQueryRunsAndFindsData() throws Exception {
        assertEveryQueryAnswers("measurements.json");
    }

    @Test
    void theDatasourceRoleCanReadButNotWrite() throws Exception {
        try (Connection c = reader("logingest"); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM log_rollup_hour")) {
                assertTrue(rs.next() && rs.getLong(1) > 0);
            }
            assertThrows(SQLException.class, () -> s.execute("DELETE FROM log_rollup_hour"));
        }
        try (Connection c = reader("perfarchive"); Statement s = c.createStatement()) {
            assertThrows(SQLException.class, () -> s.execute("UPDATE ps_metadata SET source = 'x'"));
            assertThrows(SQLException.class, () -> s.executeQuery("SELECT key_hash FROM ps_api_key").close(),
                    "the API keys' hashes stay out of Grafana's reach");
        }
    }

    @Test
    void datasourcesPointAtTheDatabasesTheQueriesAreWrittenFor() throws IOException {
        String yaml = Files.readString(GRAFANA.resolve("provisioning/datasources/observatory.yaml"));
        assertTrue(yaml.contains("uid: observatory-traffic") && yaml.contains("database: logingest"));
        assertTrue(yaml.contains("uid: observatory-measurements") && yaml.contains("database: perfarchive"));
        assertTrue(yaml.contains("grafana_reader"));
        assertFalse(yaml.matches("(?s).*password: [^$\\n].*"), "no password in the file");
    }

    @Test
    void theDailyAverageThroughputPanelShowsTheMeanOfTheDaysPointsNotTheirSum() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(GRAFANA.resolve("dashboards/measurements.json").toFile());
        GrafanaMacros macros = new GrafanaMacros(FROM, TO);
        macros.variable("source", List.of("ps-fra.example.net"));
        macros.variable("destination", List.of("ps-ams.example.net"));
        JsonNode panel = null;
        for (JsonNode p : dashboard.path("panels")) {
            if (p.path("title").asText().equals("Daily average throughput")) {
                panel = p;
            }
        }
        assertTrue(panel != null, "no Daily average throughput panel");
        List<Double> values = new ArrayList<>();
        try (Connection c = reader("perfarchive"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(macros.expand(panel.path("targets").get(0).path("rawSql").asText()))) {
            while (rs.next()) {
                values.add(rs.getDouble(3));
            }
        }
        assertFalse(values.isEmpty());
        // Six points averaging 910000000.5: the panel must not plot their sum (v_float alone).
        for (double v : values) {
            assertEquals(910000000.5, v, 1e-3);
        }
    }

    private static void assertEveryQueryAnswers(String file) throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(GRAFANA.resolve("dashboards").resolve(file).toFile());
        GrafanaMacros macros = new GrafanaMacros(FROM, TO);
        List<String> failures = new ArrayList<>();
        int ran = 0;
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            String db = DATABASES.get(variable.path("datasource").path("uid").asText());
            List<String> values = rows(db, macros.expand(variable.path("query").asText()), failures, "variable " + variable.path("name").asText());
            macros.variable(variable.path("name").asText(), values);
            ran++;
        }
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                String db = DATABASES.get(target.path("datasource").path("uid").asText());
                assertTrue(db != null, "panel " + panel.path("title").asText() + " uses an unknown datasource");
                rows(db, macros.expand(target.path("rawSql").asText()), failures, "panel " + panel.path("title").asText());
                ran++;
            }
        }
        assertEquals(List.of(), failures);
        assertTrue(ran >= 8, "only " + ran + " queries in " + file);
    }

    private static List<String> rows(String db, String sql, List<String> failures, String what) throws SQLException {
        List<String> firstColumn = new ArrayList<>();
        try (Connection c = reader(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                firstColumn.add(rs.getString(1));
            }
            if (firstColumn.isEmpty() || firstColumn.stream().allMatch(v -> v == null)) {
                failures.add(what + ": no data\n" + sql);
            }
        } catch (SQLException e) {
            failures.add(what + ": " + e.getMessage() + "\n" + sql);
        }
        return firstColumn;
    }

    private static void migrate(String db, Path folder) throws IOException, SQLException {
        List<Path> scripts;
        try (Stream<Path> files = Files.list(folder)) {
            scripts = files.filter(p -> p.getFileName().toString().matches("V\\d+__.*\\.sql"))
                    .sorted(Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString().replaceAll("^V(\\d+)__.*", "$1"))))
                    .toList();
        }
        try (Connection c = admin(db); Statement s = c.createStatement()) {
            for (Path script : scripts) {
                s.execute(Files.readString(script));
            }
        }
    }

    private static Connection admin(String db) throws SQLException {
        return DriverManager.getConnection(pg.jdbcUrl(db), LocalPostgres.USER, "");
    }

    private static Connection reader(String db) throws SQLException {
        return DriverManager.getConnection(pg.jdbcUrl(db), "grafana_reader", "");
    }

    // Thirty days of hourly rollups for a few networks, stations, countries, clients and protocols.
    // (log-ingest's partitions job creates the monthly partitions; its migration's default partition takes these rows.)
    static final String TRAFFIC_DATA = """
            INSERT INTO log_event (log_time, connect_time, block_key, stream_id, network, station, location, channel,
                                   bytes, packets, protocol, agent, client_hash, country, city, geohash)
            SELECT h, h - interval '1 day', md5(h::text || n)::uuid, n || '_ANMO_00_BHZ/MSEED', n, 'ANMO', '00', 'BHZ',
                   51200, 100, 'SeedLink', 'slinktool', 'c' || (extract(hour FROM h)::int % 4), 'GB', 'London', 'gcpvj'
            FROM generate_series(now() - interval '30 days', now(), interval '6 hours') AS h, unnest(ARRAY['IU', 'GE']) AS n;
            INSERT INTO log_rollup_hour (bucket, network, station, location, channel, country, client_hash, protocol, bytes, packets, events)
            SELECT date_trunc('hour', h), n, s, '00', 'BHZ', c, 'client-' || (extract(hour FROM h)::int % 5), p,
                   (1000 + extract(hour FROM h)::int * 97) * 512, 1000 + extract(hour FROM h)::int * 97, 3
            FROM generate_series(now() - interval '30 days', now(), interval '1 hour') AS h,
                 (VALUES ('IU', 'ANMO', 'US', 'SeedLink'), ('IU', 'KONO', 'NO', 'DataLink'), ('GE', 'WLF', NULL, 'SeedLink'),
                         ('FR', 'SURF', 'FR', 'SeedLink')) AS v(n, s, c, p);
            INSERT INTO log_rollup_day (bucket, network, station, location, channel, country, client_hash, protocol, bytes, packets, events)
            SELECT date_trunc('day', bucket), network, station, location, channel, country, client_hash, protocol, sum(bytes), sum(packets), sum(events)
            FROM log_rollup_hour GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
            INSERT INTO log_rollup_month (bucket, network, station, location, channel, country, client_hash, protocol, bytes, packets, events)
            SELECT date_trunc('month', bucket), network, station, location, channel, country, client_hash, protocol, sum(bytes), sum(packets), sum(events)
            FROM log_rollup_day GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
            """;

    // Two paths with base data of each plotted event type and the summaries the dashboard reads. An average row is
    // stored as perf-archive keeps it: the sum of the window's points in v_float and their count in v_count.
    static final String MEASUREMENT_DATA = """
            INSERT INTO ps_metadata (metadata_key, checksum, subject_type, source, destination, measurement_agent, tool_name, input_source, input_destination)
            VALUES ('A1', 'c1', 'point-to-point', '192.0.2.10', '198.51.100.20', '192.0.2.10', 'pscheduler/iperf3', 'ps-fra.example.net', 'ps-ams.example.net'),
                   ('B2', 'c2', 'point-to-point', '192.0.2.10', '198.51.100.20', '192.0.2.10', 'pscheduler/powstream', 'ps-fra.example.net', 'ps-ams.example.net');
            INSERT INTO ps_series (metadata_id, event_type, summary_type, summary_window, time_updated)
            SELECT m.id, e.event_type, e.summary_type, e.summary_window, now()
            FROM ps_metadata m JOIN (VALUES ('A1', 'throughput', 'base', 0), ('A1', 'throughput', 'average', 86400),
                 ('A1', 'packet-retransmits', 'base', 0), ('B2', 'packet-loss-rate', 'base', 0),
                 ('B2', 'histogram-owdelay', 'base', 0), ('B2', 'histogram-owdelay', 'statistics', 0))
                 AS e(key, event_type, summary_type, summary_window) ON e.key = m.metadata_key;
            SELECT ps_ensure_partition(e, m::date)
            FROM unnest(ARRAY['throughput', 'packet-retransmits', 'packet-loss-rate', 'histogram-owdelay']) AS e,
                 generate_series(date_trunc('month', now() - interval '31 days'), date_trunc('month', now()), interval '1 month') AS m;
            INSERT INTO ps_value (series_id, event_type, ts, v_int, v_float, v_count, v_num, v_den, v_json, v_stats)
            SELECT s.id, s.event_type, h,
                   CASE WHEN s.event_type = 'throughput' AND s.summary_type = 'base' THEN 900000000 + extract(hour FROM h)::int * 1000
                        WHEN s.event_type = 'packet-retransmits' THEN extract(hour FROM h)::int % 7 END,
                   CASE WHEN s.summary_type = 'average' THEN 6 * 910000000.5 END,
                   CASE WHEN s.summary_type = 'average' THEN 6 END,
                   CASE WHEN s.event_type = 'packet-loss-rate' THEN extract(hour FROM h)::int % 3 END,
                   CASE WHEN s.event_type = 'packet-loss-rate' THEN 600 END,
                   CASE WHEN s.event_type = 'histogram-owdelay' AND s.summary_type = 'base' THEN '{"4.00": 90, "4.25": 250}'::jsonb END,
                   CASE WHEN s.summary_type = 'statistics' THEN '{"median": 4.25, "mean": 4.18, "minimum": 4.0, "maximum": 4.25}'::jsonb END
            FROM ps_series s, generate_series(date_trunc('day', now() - interval '29 days'), now(), interval '4 hours') AS h
            WHERE s.summary_type <> 'average' OR extract(hour FROM h) = 0;
            """;
}
