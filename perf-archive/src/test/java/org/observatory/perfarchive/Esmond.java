package org.observatory.perfarchive;

import static io.restassured.RestAssured.given;

import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Test helpers that speak esmond: writers, metadata bodies, points. */
final class Esmond {

    static final String ROOT = "/esmond/perfsonar/archive";

    private Esmond() {
    }

    static RequestSpecification writer() {
        return given().header("Authorization", "Bearer "
                + OidcWiremockTestResource.getAccessToken("alice", Set.of("measurements:write")));
    }

    static RequestSpecification admin() {
        return given().header("Authorization", "Bearer "
                + OidcWiremockTestResource.getAccessToken("admin", Set.of("measurements:admin")));
    }

    /** A point-to-point metadata body; {@code tool} keeps tests' metadata apart. */
    static Map<String, Object> metadata(String tool, String source, String destination) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subject-type", "point-to-point");
        body.put("source", source);
        body.put("destination", destination);
        body.put("measurement-agent", source);
        body.put("input-source", "src.example.org");
        body.put("input-destination", "dst.example.org");
        body.put("tool-name", tool);
        body.put("event-types", new ArrayList<Map<String, Object>>());
        return body;
    }

    /** Adds an event type with summaries given as "aggregation:300", "statistics:0", ... */
    @SuppressWarnings("unchecked")
    static Map<String, Object> withEventType(Map<String, Object> body, String eventType, String... summaries) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (String s : summaries) {
            String[] parts = s.split(":");
            list.add(Map.of("summary-type", parts[0], "summary-window", parts[1]));
        }
        ((List<Map<String, Object>>) body.get("event-types")).add(Map.of("event-type", eventType, "summaries", list));
        return body;
    }

    static String create(Map<String, Object> body) {
        return writer().contentType("application/json").body(body)
                .when().post(ROOT + "/")
                .then().statusCode(201)
                .extract().path("metadata-key");
    }

    static void post(String key, String eventType, long ts, Object val) {
        writer().contentType("application/json").body(Map.of("ts", ts, "val", val))
                .when().post(ROOT + "/" + key + "/" + eventType + "/base")
                .then().statusCode(201);
    }
}
