package org.observatory.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Replays what Indico's server sends (indico/modules/cephalopod): register, sync, unregister, re-register. */
@QuarkusTest
class IndicoClientContractTest {

    /** Each test registers from its own client address, so the per-address rate limit stays out of the way. */
    private static RequestSpecification from(String address) {
        return given().header("X-Forwarded-For", address).contentType(ContentType.JSON);
    }

    private static String register(String address, Map<String, Object> body) {
        return from(address).body(body).when().post("/api/instance/")
                .then().statusCode(200).body("uuid", notNullValue())
                .extract().path("uuid");
    }

    private static Map<String, Object> indico(String url, String email) {
        return Map.of("url", url, "contact", "Indico Admin", "email", email, "organization", "CERN");
    }

    @Test
    void registersSyncsUnregistersAndReregistersLikeIndico() {
        String uuid = register("198.51.100.1", indico("https://events.example.org/", "admin@example.org"));

        given().when().get("/api/instance/" + uuid)
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", "*")
                .body("uuid", equalTo(uuid))
                .body("url", equalTo("https://events.example.org"))
                .body("enabled", equalTo(true))
                .body("contact", equalTo("Indico Admin"))
                .body("email", equalTo("admin@example.org"))
                .body("organization", equalTo("CERN"))
                .body("registered", matchesPattern("[A-Z][a-z]{2}, \\d{1,2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT"));

        // Indico's sync sends everything, with enabled true.
        Map<String, Object> sync = new java.util.HashMap<>(indico("https://events.example.org", "new@example.org"));
        sync.put("enabled", true);
        sync.put("organization", "CERN IT");
        from("198.51.100.1").body(sync).when().patch("/api/instance/" + uuid)
                .then().statusCode(200)
                .body("email", equalTo("new@example.org"))
                .body("organization", equalTo("CERN IT"))
                .body("registered", notNullValue());

        from("198.51.100.1").body(Map.of("enabled", false)).when().patch("/api/instance/" + uuid)
                .then().statusCode(200).body("enabled", equalTo(false)).body("email", equalTo("new@example.org"));

        // Indico re-registers when its uuid is unknown.
        String unknown = "6f1c8d0e-3a4b-4c5d-8e9f-0a1b2c3d4e5f";
        from("198.51.100.1").body(sync).when().patch("/api/instance/" + unknown).then().statusCode(404);
        String again = register("198.51.100.1", indico("http://WWW.events.example.org:80/", "New@Example.org"));
        assertEquals(uuid, again, "the same contact re-registering the same server gets its uuid back");
        given().when().get("/api/instance/" + uuid).then().statusCode(200).body("enabled", equalTo(true));
    }

    @Test
    void ignoresNullValuesInUpdates() {
        String uuid = register("198.51.100.2", indico("https://nulls.example.org", "n@example.org"));
        java.util.Map<String, Object> patch = new java.util.HashMap<>();
        patch.put("contact", null);
        patch.put("organization", "Kept");
        from("198.51.100.2").body(patch).when().patch("/api/instance/" + uuid)
                .then().statusCode(200).body("contact", equalTo("Indico Admin")).body("organization", equalTo("Kept"));
    }

    @Test
    void oneServerIsOneInstanceWhateverTheUrlSpelling() {
        String uuid = register("198.51.100.3", indico("https://www.Spelling.example.org./indico/", "s@example.org"));
        for (String spelling : new String[] {"http://spelling.example.org/indico", "HTTPS://SPELLING.EXAMPLE.ORG:443/indico//",
                "https://www.spelling.example.org/indico"}) {
            assertEquals(uuid, register("198.51.100.3", indico(spelling, "s@example.org")), spelling);
        }
        assertNotEquals(uuid, register("198.51.100.3", indico("https://spelling.example.org/other", "s@example.org")));
    }

    @Test
    void doesNotHandAUuidToAnotherContact() {
        register("198.51.100.4", indico("https://owned.example.org", "owner@example.org"));
        from("198.51.100.4").body(indico("https://owned.example.org", "intruder@example.net"))
                .when().post("/api/instance/").then().statusCode(409).body("uuid", equalTo(null));
    }

    @Test
    void refusesBadRegistrationsWithIndicoErrorsAndStoresNothing() {
        String address = "198.51.100.5";
        Map<String, Object> good = indico("https://bad-input.example.org", "b@example.org");
        Map<Map<String, Object>, String[]> cases = new java.util.LinkedHashMap<>();
        cases.put(without(good, "email"), new String[] {"Missing value", "email"});
        cases.put(with(good, "contact", ""), new String[] {"Invalid value", "contact"});
        cases.put(with(good, "email", "not-an-address"), new String[] {"Invalid value", "email"});
        cases.put(with(good, "url", "ftp://bad-input.example.org"), new String[] {"Invalid value", "url"});
        cases.put(with(good, "url", "javascript:alert(1)"), new String[] {"Invalid value", "url"});
        cases.put(with(good, "url", "https://user:secret@bad-input.example.org"), new String[] {"Invalid value", "url"});
        cases.put(with(good, "organization", 42), new String[] {"Invalid value", "organization"});
        for (var entry : cases.entrySet()) {
            from(address).body(entry.getKey()).when().post("/api/instance/")
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("error", equalTo(entry.getValue()[0]))
                    .body("field", equalTo(entry.getValue()[1]))
                    .body("status", equalTo(400));
        }
        from(address).body(with(good, "admin", true)).when().post("/api/instance/")
                .then().statusCode(400).body("error", equalTo("Unexpected data")).body("data", hasItem("admin"));
        from(address).body(with(good, "organization", "x".repeat(20_000))).when().post("/api/instance/")
                .then().statusCode(400).body("error", equalTo("Invalid data"));
        from(address).body("[1,2]").when().post("/api/instance/").then().statusCode(400);
        from(address).body("{not json").when().post("/api/instance/").then().statusCode(400);
        // None of these stored anything: the first good registration is a new instance from the same address.
        register("198.51.100.6", good);
    }

    @Test
    void refusesBadUpdatesWithIndicoErrors() {
        String uuid = register("198.51.100.7", indico("https://bad-update.example.org", "u@example.org"));
        from("198.51.100.7").body(Map.of("email", "")).when().patch("/api/instance/" + uuid)
                .then().statusCode(400).body("error", equalTo("Invalid value")).body("field", equalTo("email"));
        from("198.51.100.7").body(Map.of("enabled", "yes")).when().patch("/api/instance/" + uuid)
                .then().statusCode(400).body("error", equalTo("Invalid value")).body("field", equalTo("enabled"));
        from("198.51.100.7").body(Map.of("uuid", "x", "registered", "y")).when().patch("/api/instance/" + uuid)
                .then().statusCode(400).body("error", equalTo("Unexpected data")).body("data", hasItem("registered"));
        from("198.51.100.7").body(Map.of("url", "gopher://x.example.org")).when().patch("/api/instance/" + uuid)
                .then().statusCode(400).body("field", equalTo("url"));
        given().when().get("/api/instance/" + uuid).then().statusCode(200)
                .body("email", equalTo("u@example.org")).body("url", equalTo("https://bad-update.example.org"));
    }

    @Test
    void refusesToMoveAnInstanceOntoAnotherOnesUrl() {
        register("198.51.100.9", indico("https://taken.example.org", "t@example.org"));
        String uuid = register("198.51.100.9", indico("https://mover.example.org", "t@example.org"));
        from("198.51.100.9").body(Map.of("url", "http://www.taken.example.org/")).when().patch("/api/instance/" + uuid)
                .then().statusCode(409).body("field", equalTo("url"));
        from("198.51.100.9").body(Map.of("url", "https://moved.example.org/")).when().patch("/api/instance/" + uuid)
                .then().statusCode(200).body("url", equalTo("https://moved.example.org"));
    }

    @Test
    void answersUnknownAndMalformedUuidsWith404() {
        given().when().get("/api/instance/00000000-0000-0000-0000-000000000000").then().statusCode(404)
                .header("Access-Control-Allow-Origin", "*");
        given().when().get("/api/instance/not-a-uuid").then().statusCode(404);
        from("198.51.100.8").body(Map.of("enabled", false)).when().patch("/api/instance/not-a-uuid").then().statusCode(404);
    }

    @Test
    void rateLimitsRegistrationsPerClientAddress() {
        String address = "203.0.113.77";
        for (int i = 0; i < 5; i++) {
            register(address, indico("https://limited-" + i + ".example.org", "l@example.org"));
        }
        from(address).body(indico("https://limited-5.example.org", "l@example.org"))
                .when().post("/api/instance/").then().statusCode(429).header("Retry-After", notNullValue());
        // Another address is not affected.
        register("203.0.113.78", indico("https://limited-5.example.org", "l@example.org"));
    }

    static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
        Map<String, Object> copy = new java.util.HashMap<>(body);
        copy.put(key, value);
        return copy;
    }

    static Map<String, Object> without(Map<String, Object> body, String key) {
        Map<String, Object> copy = new java.util.HashMap<>(body);
        copy.remove(key);
        return copy;
    }

    @Test
    void refusesNulCharactersInAnyFieldWithoutStoringAnything() {
        Map<String, Object> body = new java.util.HashMap<>(indico("https://nul.example.org", "nul@example.org"));
        body.put("contact", "Mallory\u0000");
        from("198.51.100.20").body(body).when().post("/api/instance/").then().statusCode(400);
        String uuid = register("198.51.100.20", indico("https://nul.example.org", "nul@example.org"));
        from("198.51.100.20").body(Map.of("organization", "Evil\u0000Corp")).when().patch("/api/instance/" + uuid)
                .then().statusCode(400);
        given().when().get("/api/instance/" + uuid).then().statusCode(200).body("organization", org.hamcrest.Matchers.not("Evil\u0000Corp"));
    }

    @Test
    void refusesAnUpdateWithAnythingAfterItsJsonObject() {
        String uuid = register("198.51.100.21", indico("https://trailing.example.org", "t@example.org"));
        from("198.51.100.21").contentType("application/json").body("{} xyz").when().patch("/api/instance/" + uuid)
                .then().statusCode(400);
        from("198.51.100.21").contentType("application/json").body("{\"organization\":\"A\"} {\"organization\":\"B\"}")
                .when().patch("/api/instance/" + uuid).then().statusCode(400);
    }
}
