package org.observatory.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.observatory.registry.RegistryTestSupport.register;
import static org.observatory.registry.RegistryTestSupport.sql;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each field setting's effect on the statistics. The instances get their crawled fields and locations
 * straight in the database (the crawler has its own tests); their field names start with {@code st_} and
 * are configured in the test profile.
 */
@QuarkusTest
class StatisticsTest {

    @Inject
    Pool pool;

    private static boolean loaded;

    @BeforeEach
    void loadInstances() {
        if (loaded) {
            return;
        }
        loaded = true;
        instance("https://st-a.example.org", "GB", "United Kingdom", 51.5, -0.1, "2001-02-03T10:00:00Z",
                Map.of("st_version", "3.3", "st_rooms", List.of(3, 4), "st_events", Map.of("2024", 10, "2025", 30),
                        "st_load", List.of(1, 3), "st_peak", 5, "st_os", "Linux", "st_secret", "hunter2", "st_users", 7));
        instance("https://st-b.example.org", "GB", "United Kingdom", 53.5, -2.1, "2001-02-03T22:00:00Z",
                Map.of("st_version", "3.3", "st_rooms", List.of(10), "st_events", Map.of("2025", 50),
                        "st_load", List.of(5, 7), "st_peak", 9, "st_os", "Linux"));
        instance("https://st-c.example.org", "SE", "Sweden", 58.4, 15.6, "2001-02-05T08:00:00Z",
                Map.of("st_version", "3.2", "st_rooms", List.of(1, 1), "st_events", Map.of("2025", 20),
                        "st_load", List.of(2), "st_peak", 2, "st_os", "FreeBSD"));
        // Disabled instances count in registrations only.
        long disabled = instance("https://st-d.example.org", "SE", "Sweden", 58.4, 15.6, "2001-02-05T09:00:00Z",
                Map.of("st_version", "9.9", "st_rooms", List.of(100), "st_peak", 100));
        sql(pool, "UPDATE instance SET enabled = false WHERE id = $1", disabled);
    }

    private long instance(String url, String country, String name, double latitude, double longitude,
            String registered, Map<String, Object> crawled) {
        long id = register(pool, url);
        sql(pool, """
                UPDATE instance SET country_code = $2, country_name = $3, latitude = $4, longitude = $5,
                    registered = $6, crawled = $7 WHERE id = $1""",
                id, country, name, latitude, longitude, java.time.OffsetDateTime.parse(registered),
                new io.vertx.core.json.JsonObject(crawled));
        return id;
    }

    private static JsonPath series(String field) {
        return given().when().get("/registry/stats/fields/" + field).then().statusCode(200).extract().jsonPath();
    }

    private static Map<String, Float> points(JsonPath series) {
        Map<String, Float> points = new java.util.LinkedHashMap<>();
        List<Map<String, Object>> list = series.getList("points");
        list.forEach(p -> points.put((String) p.get("key"), ((Number) p.get("value")).floatValue()));
        return points;
    }

    @Test
    void countChartsCountInstancesPerValueWithTheDefaultLabelAndType() {
        JsonPath version = series("st_version");
        org.junit.jupiter.api.Assertions.assertEquals("St version", version.getString("label"));
        org.junit.jupiter.api.Assertions.assertEquals("bar", version.getString("chartType"));
        org.junit.jupiter.api.Assertions.assertEquals("count", version.getString("chartAggregation"));
        org.junit.jupiter.api.Assertions.assertEquals(Map.of("3.3", 2f, "3.2", 1f), points(version));
    }

    @Test
    void countIgnoresAggregateBy() {
        JsonPath os = series("st_os");
        org.junit.jupiter.api.Assertions.assertNull(os.get("aggregateBy"));
        org.junit.jupiter.api.Assertions.assertEquals(Map.of("Linux", 2f, "FreeBSD", 1f), points(os));
    }

    @Test
    void sumOfListValuesPerCountry() {
        // st_rooms: each instance's list is summed (aggregation), then summed per country (chart aggregation).
        JsonPath rooms = series("st_rooms");
        org.junit.jupiter.api.Assertions.assertEquals("line", rooms.getString("chartType"));
        org.junit.jupiter.api.Assertions.assertEquals("country", rooms.getString("aggregateBy"));
        org.junit.jupiter.api.Assertions.assertEquals(Map.of("GB", 17f, "SE", 2f), points(rooms));
    }

    @Test
    void averageOfObjectMaximaByAnotherField() {
        // st_events: max of each object's values (30, 50, 20), averaged per st_version.
        JsonPath events = series("st_events");
        org.junit.jupiter.api.Assertions.assertEquals("st_version", events.getString("aggregateBy"));
        org.junit.jupiter.api.Assertions.assertEquals(Map.of("3.2", 20f, "3.3", 40f), points(events));
    }

    @Test
    void minimumOfListAveragesPerCountry() {
        // st_load: averages 2, 6 (GB) and 2 (SE); the minimum per country.
        JsonPath load = series("st_load");
        org.junit.jupiter.api.Assertions.assertEquals("pie", load.getString("chartType"));
        org.junit.jupiter.api.Assertions.assertEquals(Map.of("GB", 2f, "SE", 2f), points(load));
    }

    @Test
    void maximumOfPlainNumbersPerCountryLeavingDisabledInstancesOut() {
        org.junit.jupiter.api.Assertions.assertEquals(Map.of("GB", 9f, "SE", 2f), points(series("st_peak")));
    }

    @Test
    void hiddenAndUnchartedFieldsHaveNoSeries() {
        given().when().get("/registry/stats/fields").then().statusCode(200)
                .body("field", hasItem("st_version"))
                .body("field", not(hasItem("st_secret")))
                .body("field", not(hasItem("st_users")));
        given().when().get("/registry/stats/fields/st_secret").then().statusCode(404);
        given().when().get("/registry/stats/fields/st_users").then().statusCode(404);
    }

    @Test
    void hiddenFieldsAreNotShownNorFilterable() {
        long id = given().queryParam("field.st_version", "3.2").when().get("/registry/instances")
                .then().statusCode(200).body("total", equalTo(1))
                .body("items[0].fields.st_secret", nullValue())
                .extract().jsonPath().getLong("items[0].id");
        given().when().get("/registry/instances/" + id).then().statusCode(200)
                .body("fields.name", not(hasItem("st_secret")))
                .body("fields.find { it.name == 'st_users' }", nullValue());
        given().queryParam("field.st_secret", "hunter2").when().get("/registry/instances").then().statusCode(400);
        given().queryParam("sort", "field.st_secret").when().get("/registry/instances").then().statusCode(400);
    }

    @Test
    void labelsAndAggregationsShapeTheInstanceView() {
        long id = given().queryParam("field.st_peak", "5").when().get("/registry/instances")
                .then().statusCode(200).body("total", equalTo(1)).extract().jsonPath().getLong("items[0].id");
        given().when().get("/registry/instances/" + id).then().statusCode(200)
                .body("fields.find { it.name == 'st_users' }.label", equalTo("Registered users"))
                .body("fields.find { it.name == 'st_rooms' }.value", equalTo(7.0f))
                .body("fields.find { it.name == 'st_events' }.value", equalTo(30.0f))
                .body("country.code", equalTo("GB"));
    }

    @Test
    void countsEnabledInstancesPerCountryWithCoordinates() {
        JsonPath countries = given().when().get("/registry/stats/countries").then().statusCode(200).extract().jsonPath();
        Map<String, Object> gb = countries.getMap("find { it.countryCode == 'GB' }");
        org.junit.jupiter.api.Assertions.assertEquals(2, ((Number) gb.get("instances")).intValue());
        org.junit.jupiter.api.Assertions.assertEquals(52.5, ((Number) gb.get("latitude")).doubleValue(), 1e-6);
        Map<String, Object> se = countries.getMap("find { it.countryCode == 'SE' }");
        org.junit.jupiter.api.Assertions.assertEquals(1, ((Number) se.get("instances")).intValue());
        given().queryParam("format", "csv").when().get("/registry/stats/countries").then().statusCode(200)
                .contentType(containsString("text/csv"))
                .body(containsString("country_code,country_name,latitude,longitude,instances"))
                .body(containsString("GB,United Kingdom,52.5,"));
    }

    @Test
    void countsRegistrationsPerDayCumulatively() {
        JsonPath days = given().when().get("/registry/stats/registrations").then().statusCode(200).extract().jsonPath();
        Map<String, Object> first = days.getMap("find { it.day == '2001-02-03' }");
        Map<String, Object> second = days.getMap("find { it.day == '2001-02-05' }");
        org.junit.jupiter.api.Assertions.assertEquals(2, ((Number) first.get("registrations")).intValue());
        org.junit.jupiter.api.Assertions.assertEquals(2, ((Number) first.get("cumulative")).intValue());
        org.junit.jupiter.api.Assertions.assertEquals(2, ((Number) second.get("registrations")).intValue());
        org.junit.jupiter.api.Assertions.assertEquals(4, ((Number) second.get("cumulative")).intValue());
        given().header("Accept", "text/csv").when().get("/registry/stats/registrations").then().statusCode(200)
                .body(containsString("day,registrations,cumulative"))
                .body(containsString("2001-02-05,2,4"));
    }

    @Test
    void writesFieldSeriesAsCsv() {
        given().queryParam("format", "csv").when().get("/registry/stats/fields/st_rooms").then().statusCode(200)
                .body(containsString("field,label,chart_type,chart_aggregation,aggregate_by,key,value"))
                .body(containsString("st_rooms,St rooms,line,sum,country,GB,17"));
        given().queryParam("format", "xml").when().get("/registry/stats/fields").then().statusCode(400);
    }

    @Test
    void listsWithFiltersSortingAndPaging() {
        given().queryParam("country", "gb").queryParam("sort", "-field.st_peak").when().get("/registry/instances")
                .then().statusCode(200)
                .body("total", equalTo(2))
                .body("items.fields.st_peak", equalTo(List.of(9, 5)));
        given().queryParam("country", "GB").queryParam("sort", "registered").queryParam("limit", 1).queryParam("offset", 1)
                .when().get("/registry/instances").then().statusCode(200)
                .body("total", equalTo(2)).body("items", org.hamcrest.Matchers.hasSize(1))
                .body("items[0].url", equalTo("https://st-b.example.org"));
        given().queryParam("enabled", false).queryParam("field.st_version", "9.9").when().get("/registry/instances")
                .then().statusCode(200).body("total", equalTo(1));
        given().queryParam("crawlStatus", "stopped").queryParam("country", "SE").when().get("/registry/instances")
                .then().statusCode(200).body("total", equalTo(2));
        // Injection attempts are refused or bound as plain values.
        given().queryParam("sort", "registered; DROP TABLE instance").when().get("/registry/instances").then().statusCode(400);
        given().queryParam("field.st_version", "3.3' OR '1'='1").when().get("/registry/instances").then().statusCode(200)
                .body("total", equalTo(0));
        given().queryParam("sort", "field.x') DESC; --").when().get("/registry/instances").then().statusCode(400);
        given().queryParam("crawlStatus", "sleeping").when().get("/registry/instances").then().statusCode(400);
        given().queryParam("limit", 100000).when().get("/registry/instances").then().statusCode(400);
        given().queryParam("colour", "red").when().get("/registry/instances").then().statusCode(400);
        given().when().get("/registry/instances").then().statusCode(200)
                .body("items[0].email", nullValue()).body("items[0].uuid", nullValue());
    }
}
