package org.observatory.perfarchive;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.observatory.perfarchive.Esmond.ROOT;
import static org.observatory.perfarchive.Esmond.writer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.observatory.testsupport.SharedData;

/**
 * Replays esmond's own stored series (shared/data/esmond) through the API as pScheduler would (metadata POST,
 * bulk PUTs) and reads them back the way the esmond client does (limit 1000, time-start = last ts + 1).
 */
@QuarkusTest
class EsmondReplayTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SERIES = List.of("throughput_data.json", "histogram_ttl_data.json",
            "packet_count_lost_data.json", "packet_count_sent_data.json", "packet_duplicates_data.json");

    @Test
    void replaysEsmondSampleSeriesAndReadsThemBack() throws IOException {
        Map<String, String> keys = createFixtureMetadata();
        // fixture key -> event type -> ts (s) -> val
        Map<String, Map<String, TreeMap<Long, JsonNode>>> stored = new HashMap<>();
        for (String file : SERIES) {
            for (JsonNode row : JSON.readTree(SharedData.path("esmond/" + file).toFile())) {
                String eventType = row.get("path").get(1).asText().replace('_', '-');
                String fixtureKey = row.get("path").get(2).asText();
                stored.computeIfAbsent(fixtureKey, k -> new HashMap<>()).computeIfAbsent(eventType, k -> new TreeMap<>())
                        .put(row.get("ts").asLong() / 1000, row.get("val"));
            }
        }
        stored.forEach((fixtureKey, byType) -> put(keys.get(fixtureKey), byType));

        int compared = 0;
        for (Map.Entry<String, Map<String, TreeMap<Long, JsonNode>>> m : stored.entrySet()) {
            String key = keys.get(m.getKey());
            for (Map.Entry<String, TreeMap<Long, JsonNode>> series : m.getValue().entrySet()) {
                TreeMap<Long, JsonNode> readBack = readAll(ROOT + "/" + key + "/" + series.getKey() + "/base");
                assertEquals(series.getValue(), readBack, series.getKey());
                compared += readBack.size();
            }
        }
        assertEquals(600 + 4 * 1440, compared);

        String owamp = keys.get("0CB19291FB6D40EAA1955376772BF5D2");
        // Summaries declared on top of the fixture, checked against sums computed here.
        TreeMap<Long, Long> hourly = new TreeMap<>();
        stored.get("0CB19291FB6D40EAA1955376772BF5D2").get("packet-count-lost")
                .forEach((ts, val) -> hourly.merge(ts / 3600 * 3600, val.asLong(), Long::sum));
        TreeMap<Long, JsonNode> aggregated = readAll(ROOT + "/" + owamp + "/packet-count-lost/aggregations/3600");
        assertEquals(hourly.keySet(), aggregated.keySet());
        hourly.forEach((ts, sum) -> assertEquals(sum.longValue(), aggregated.get(ts).asLong(), "hour " + ts));

        TreeMap<Long, double[]> daily = new TreeMap<>();
        stored.get("0CB19291FB6D40EAA1955376772BF5D2").get("histogram-ttl").forEach((ts, hist) -> {
            double[] acc = daily.computeIfAbsent(ts / 86400 * 86400, k -> new double[2]);
            hist.fields().forEachRemaining(b -> {
                acc[0] += Double.parseDouble(b.getKey()) * b.getValue().asLong();
                acc[1] += b.getValue().asLong();
            });
        });
        TreeMap<Long, JsonNode> stats = readAll(ROOT + "/" + owamp + "/histogram-ttl/statistics/86400");
        assertEquals(daily.keySet(), stats.keySet());
        daily.forEach((ts, acc) -> assertEquals(Math.round(acc[0] / acc[1] * 10000) / 10000.0,
                stats.get(ts).get("mean").asDouble(), 1e-9));
    }

    /** POSTs the fixture's two metadata (perfsonar_client_metadata.json) and answers fixture key -> our key. */
    private static Map<String, String> createFixtureMetadata() throws IOException {
        JsonNode dump = JSON.readTree(SharedData.path("esmond/perfsonar_client_metadata.json").toFile());
        Map<Integer, String> fixtureKeys = new HashMap<>();
        Map<Integer, Map<String, Object>> bodies = new LinkedHashMap<>();
        for (JsonNode row : dump) {
            if (row.get("model").asText().equals("api.psmetadata")) {
                int pk = row.get("pk").asInt();
                fixtureKeys.put(pk, row.get("fields").get("metadata_key").asText());
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("subject-type", row.get("fields").get("subject_type").asText());
                body.put("event-types", new ArrayList<Map<String, Object>>());
                bodies.put(pk, body);
            }
        }
        Map<Integer, Map<String, List<Map<String, Object>>>> summaries = new HashMap<>();
        for (JsonNode row : dump) {
            JsonNode f = row.get("fields");
            switch (row.get("model").asText()) {
                case "api.pspointtopointsubject" -> f.fields().forEachRemaining(e -> {
                    if (!e.getKey().equals("metadata")) {
                        bodies.get(f.get("metadata").asInt()).put(e.getKey().replace('_', '-'), e.getValue().asText());
                    }
                });
                case "api.psmetadataparameters" -> bodies.get(f.get("metadata").asInt())
                        .put(f.get("parameter_key").asText(), f.get("parameter_value").asText());
                case "api.pseventtypes" -> {
                    List<Map<String, Object>> list = summaries.computeIfAbsent(f.get("metadata").asInt(), k -> new LinkedHashMap<>())
                            .computeIfAbsent(f.get("event_type").asText(), k -> new ArrayList<>());
                    if (!f.get("summary_type").asText().equals("base")) {
                        list.add(Map.of("summary-type", f.get("summary_type").asText(),
                                "summary-window", f.get("summary_window").asText()));
                    }
                }
                default -> { }
            }
        }
        // Summaries on top of the fixture's, to check them against the replayed data.
        summaries.get(4).get("packet-count-lost").add(Map.of("summary-type", "aggregation", "summary-window", "3600"));
        summaries.get(4).get("histogram-ttl").add(Map.of("summary-type", "statistics", "summary-window", "86400"));
        Map<String, String> keys = new HashMap<>();
        bodies.forEach((pk, body) -> {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> eventTypes = (List<Map<String, Object>>) body.get("event-types");
            summaries.get(pk).forEach((et, list) -> eventTypes.add(Map.of("event-type", et, "summaries", list)));
            keys.put(fixtureKeys.get(pk), Esmond.create(body));
        });
        return keys;
    }

    /** Bulk PUTs in chunks of 500 timestamps, every event type of a timestamp in one item, as pScheduler does. */
    private static void put(String key, Map<String, TreeMap<Long, JsonNode>> byType) {
        TreeMap<Long, List<Map<String, Object>>> byTs = new TreeMap<>();
        byType.forEach((et, points) -> points.forEach((ts, val) ->
                byTs.computeIfAbsent(ts, k -> new ArrayList<>()).add(Map.of("event-type", et, "val", val))));
        List<Map<String, Object>> chunk = new ArrayList<>();
        for (Map.Entry<Long, List<Map<String, Object>>> e : byTs.entrySet()) {
            chunk.add(Map.of("ts", e.getKey(), "val", e.getValue()));
            if (chunk.size() == 500) {
                send(key, chunk);
                chunk = new ArrayList<>();
            }
        }
        if (!chunk.isEmpty()) {
            send(key, chunk);
        }
    }

    private static void send(String key, List<Map<String, Object>> chunk) {
        writer().contentType("application/json").body(Map.of("data", chunk)).put(ROOT + "/" + key + "/")
                .then().statusCode(201);
    }

    private static TreeMap<Long, JsonNode> readAll(String path) throws IOException {
        TreeMap<Long, JsonNode> all = new TreeMap<>();
        long start = 0;
        while (true) {
            Response page = given().queryParam("limit", 1000).queryParam("time-start", start).get(path);
            assertEquals(200, page.statusCode(), path);
            assertEquals("application/json", page.header("Content-Type"));
            JsonNode rows = JSON.readTree(page.asString());
            if (rows.isEmpty()) {
                return all;
            }
            for (JsonNode row : rows) {
                all.put(row.get("ts").asLong(), row.get("val"));
            }
            start = rows.get(rows.size() - 1).get("ts").asLong() + 1;
        }
    }
}
