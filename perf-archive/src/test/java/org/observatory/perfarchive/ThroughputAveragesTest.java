package org.observatory.perfarchive;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.observatory.perfarchive.Esmond.ROOT;
import static org.observatory.perfarchive.Esmond.create;
import static org.observatory.perfarchive.Esmond.metadata;
import static org.observatory.perfarchive.Esmond.withEventType;
import static org.observatory.perfarchive.Esmond.writer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * esmond's average summary of throughput (integer): per window, the sum of the points over their count, so never
 * above the largest point. Checked because a demo's daily average (~3.76e10) read like the day's sum of ~6.5e9
 * points: the daily aggregation, not the average.
 */
@QuarkusTest
class ThroughputAveragesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Six points of one day, every 4 hours, as the demo and a 4-hourly mesh write them. */
    private static final long[] VALUES = {6_400_000_000L, 6_500_000_000L, 6_600_000_000L, 6_450_000_000L,
            6_550_000_000L, 6_500_000_000L};

    private static RequestSpecification doubles() {
        return given().config(RestAssured.config().jsonConfig(JsonConfig.jsonConfig()
                .numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE)));
    }

    private static long dayStart() {
        return Instant.now().truncatedTo(ChronoUnit.DAYS).minus(2, ChronoUnit.DAYS).getEpochSecond();
    }

    private static double mean() {
        double sum = 0;
        for (long v : VALUES) {
            sum += v;
        }
        return sum / VALUES.length;
    }

    @Test
    void theDailyAverageOfBulkWrittenThroughputIsTheMeanOfTheDaysPointsNotTheirSum() {
        String key = create(withEventType(metadata("averages/bulk", "192.0.2.70", "192.0.2.71"), "throughput",
                "aggregation:86400", "average:86400", "average:3600"));
        long day = dayStart();
        List<Map<String, Object>> data = new ArrayList<>();
        for (int i = 0; i < VALUES.length; i++) {
            data.add(Map.of("ts", day + i * 4 * 3600L, "val", List.of(Map.of("event-type", "throughput", "val", VALUES[i]))));
        }
        writer().contentType("application/json").body(Map.of("data", data)).put(ROOT + "/" + key + "/").then().statusCode(201);

        doubles().get(ROOT + "/" + key + "/throughput/averages/86400").then().statusCode(200)
                .body("ts", contains((int) day)).body("val", contains(closeTo(mean(), 0.001)));
        // Hourly windows hold one point each: the average is the point.
        doubles().get(ROOT + "/" + key + "/throughput/averages/3600").then().statusCode(200)
                .body("val", hasSize(VALUES.length))
                .body("val[0]", closeTo(VALUES[0], 0.001)).body("val[5]", closeTo(VALUES[5], 0.001));
        // The day's aggregation is the sum: about 3.9e10, the figure the demo's reader took for the average.
        long sum = 0;
        for (long v : VALUES) {
            sum += v;
        }
        given().get(ROOT + "/" + key + "/throughput/aggregations/86400").then().body("val", contains(sum));
    }

    @Test
    void theDailyAverageOfRunsFromThePschedulerEndpointIsTheMeanOfTheRuns() throws Exception {
        long day = dayStart();
        String observer = "198.51.100.77";
        for (int i = 0; i < VALUES.length; i++) {
            ObjectNode run = (ObjectNode) JSON.readTree(PschedulerArchiverTest.fixture("throughput-tcp-parallel.json"));
            run.put("id", UUID.randomUUID().toString());
            ((ObjectNode) run.get("schedule")).put("start", Instant.ofEpochSecond(day + i * 4 * 3600L).toString());
            ((ObjectNode) run.at("/result/summary/summary")).put("throughput-bits", VALUES[i] + 0.5);
            writer().header("x-ps-observer", observer).contentType("application/json").body(run.toString())
                    .post(PschedulerArchiverTest.RUNS).then().statusCode(201);
        }
        String key = given().queryParams(Map.of("pscheduler-test-type", "throughput", "measurement-agent", observer))
                .get(ROOT + "/").then().statusCode(200).body("$", hasSize(1)).extract().path("[0].'metadata-key'");
        doubles().get(ROOT + "/" + key + "/throughput/averages/86400").then().statusCode(200)
                .body("ts", contains((int) day)).body("val", contains(closeTo(mean(), 0.001)));
        doubles().get(ROOT + "/" + key + "/throughput/base").then().body("val", hasSize(VALUES.length))
                .body("val[2]", equalTo(VALUES[2]));
    }
}
