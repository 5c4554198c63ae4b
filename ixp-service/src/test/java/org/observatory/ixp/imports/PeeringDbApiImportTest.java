package org.observatory.ixp.imports;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The live PeeringDB import against a local API that throttles and fails before it answers. */
@QuarkusTest
@QuarkusTestResource(FakePeeringDb.class)
@Order(2)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PeeringDbApiImportTest {

    private static final String ADMIN = OidcWiremockTestResource.getAccessToken("alice", Set.of("ixp:admin"));

    @Test
    @Order(1)
    void importsLiveDataPageByPageRetryingAfter429And503() {
        FakePeeringDb.REQUESTS.clear();
        given().auth().oauth2(ADMIN).when().post("/ixp/imports/peeringdb?wait=true").then()
                .statusCode(200)
                .body("status", equalTo("succeeded"))
                .body("kind", equalTo("api"))
                .body("month", equalTo(LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1).toString()))
                .body("report.apiRetries", equalTo(2))
                .body("report.ixps", equalTo(1))
                .body("report.memberships", equalTo(3))
                .body("report.skippedCount", equalTo(3));

        List<List<String>> requests = List.copyOf(FakePeeringDb.REQUESTS);
        assertTrue(requests.stream().allMatch(r -> r.get(2).equals("Api-Key test-key")), requests.toString());
        assertEquals(2, requests.stream().filter(r -> r.get(0).endsWith("/ix") && r.get(1).contains("skip=0")).count(),
                "the throttled first page is asked again: " + requests);
        assertTrue(requests.stream().anyMatch(r -> r.get(0).endsWith("/net") && r.get(1).contains("limit=2&skip=2")));
        assertTrue(requests.stream().anyMatch(r -> r.get(0).endsWith("/netixlan") && r.get(1).contains("skip=4")));
        assertFalse(requests.stream().anyMatch(r -> r.get(1).contains("updated__gte")), "a first run fetches everything");

        given().when().get("/ixp/ixps/201").then().statusCode(200)
                .body("ixp.country", equalTo("NL"))
                .body("ixp.active", equalTo(true))
                .body("currentMembers", equalTo(3))
                .body("members.find { it.asn == 65103 }.periods[0].startDate", equalTo("2019-01-15"))
                .body("members.find { it.asn == 65103 }.periods[0].speed", equalTo(100000));
        given().when().get("/ixp/ixps/202").then().statusCode(404);
    }

    @Test
    @Order(2)
    void laterRunsAskOnlyForChangedIxpsAndNetworks() {
        FakePeeringDb.REQUESTS.clear();
        given().auth().oauth2(ADMIN).when().post("/ixp/imports/peeringdb?wait=true").then()
                .statusCode(200).body("status", equalTo("succeeded"))
                .body("source", containsString("changed since"));
        String since = "updated__gte=" + LocalDate.now(ZoneOffset.UTC);
        List<List<String>> requests = List.copyOf(FakePeeringDb.REQUESTS);
        assertTrue(requests.stream().filter(r -> r.get(0).endsWith("/ix") || r.get(0).endsWith("/net"))
                .allMatch(r -> r.get(1).contains(since)), requests.toString());
        assertTrue(requests.stream().filter(r -> r.get(0).endsWith("/netixlan"))
                .noneMatch(r -> r.get(1).contains("updated__gte")), requests.toString());
        given().when().get("/ixp/ixps/201").then().body("currentMembers", equalTo(3));
    }

    @Test
    @Order(3)
    void peeringDbThatKeepsFailingFailsTheRunWithoutStoringAnything() {
        FakePeeringDb.DOWN.set(true);
        try {
            given().auth().oauth2(ADMIN).when().post("/ixp/imports/peeringdb?wait=true").then()
                    .statusCode(502)
                    .contentType("application/problem+json")
                    .body("detail", containsString("HTTP 500"));
        } finally {
            FakePeeringDb.DOWN.set(false);
        }
        given().when().get("/ixp/imports?status=failed&limit=1").then()
                .body("[0].kind", equalTo("api"))
                .body("[0].error", containsString("after 4 attempts"));
        given().when().get("/ixp/ixps/201").then().body("currentMembers", equalTo(3));
    }

    @Test
    @Order(4)
    void startsImportsInTheBackgroundAndReportsProgress() throws InterruptedException {
        long id = given().auth().oauth2(ADMIN).when().post("/ixp/imports/peeringdb").then()
                .statusCode(202)
                .header("Location", containsString("/ixp/imports/"))
                .body("status", is(oneOf("running", "succeeded")))
                .extract().jsonPath().getLong("id");
        String status = "running";
        for (int i = 0; i < 400 && status.equals("running"); i++) {
            Thread.sleep(25); // waiting for the background run to finish, not measuring it
            status = given().when().get("/ixp/imports/" + id).then().statusCode(200).extract().path("status");
        }
        given().when().get("/ixp/imports/" + id).then()
                .body("status", equalTo("succeeded"))
                .body("phase", equalTo("done"))
                .body("report.apiRequests", greaterThanOrEqualTo(6));
        given().when().get("/ixp/imports/999999").then().statusCode(404);
    }

    @Test
    @Order(5)
    void waitsAsLongAsRetryAfterSaysBeforeAskingAgain() {
        FakePeeringDb.REQUESTS.clear();
        FakePeeringDb.RETRY_AFTER_NEXT.set("1");
        given().auth().oauth2(ADMIN).when().post("/ixp/imports/peeringdb?wait=true").then()
                .statusCode(200)
                .body("status", equalTo("succeeded"))
                .body("report.apiRetries", equalTo(1));
        List<List<String>> requests = List.copyOf(FakePeeringDb.REQUESTS);
        assertTrue(requests.get(0).get(0).endsWith("/ix") && requests.get(1).get(0).endsWith("/ix"), requests.toString());
        assertEquals(requests.get(0).get(1), requests.get(1).get(1), "the throttled page is asked again");
        // A lower bound, which no slowness can break: the configured back-off is 10 ms, Retry-After says 1 s.
        long waitedNanos = Long.parseLong(requests.get(1).get(3)) - Long.parseLong(requests.get(0).get(3));
        assertTrue(waitedNanos >= 1_000_000_000L, "asked again after " + waitedNanos + " ns");
    }

    @Test
    @Order(6)
    void givesUpAfterTheRetryBudgetWhenPeeringDbKeepsThrottling() {
        FakePeeringDb.REQUESTS.clear();
        FakePeeringDb.THROTTLE_ALWAYS.set(true);
        try {
            given().auth().oauth2(ADMIN).when().post("/ixp/imports/peeringdb?wait=true").then()
                    .statusCode(502)
                    .contentType("application/problem+json")
                    .body("detail", containsString("HTTP 429 after 4 attempts"));
        } finally {
            FakePeeringDb.THROTTLE_ALWAYS.set(false);
        }
        // max-retries is 3 in tests: the first request and three retries of the first page, then nothing more.
        List<List<String>> requests = List.copyOf(FakePeeringDb.REQUESTS);
        assertEquals(4, requests.size(), requests.toString());
        assertTrue(requests.stream().allMatch(r -> r.get(0).endsWith("/ix") && r.get(1).contains("skip=0")), requests.toString());
        given().when().get("/ixp/imports?status=failed&limit=1").then()
                .body("[0].error", containsString("HTTP 429 after 4 attempts"));
    }
}
