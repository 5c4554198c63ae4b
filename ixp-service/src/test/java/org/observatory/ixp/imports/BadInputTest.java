package org.observatory.ixp.imports;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.observatory.ixp.DumpBuilder;

/** Uploaded dumps that are broken or hold bad records (months of 1999, IXPs 301..). */
@QuarkusTest
@Order(3)
class BadInputTest {

    private static final String ADMIN = OidcWiremockTestResource.getAccessToken("alice", Set.of("ixp:admin"));

    private static DumpBuilder goodDump() {
        return new DumpBuilder(30_000).ix(301, "Upload IX", "SE", "1998-01-01T00:00:00Z")
                .net(65201, "Upload Net 1").net(65202, "Upload Net 2")
                .port(301, 65201, 1000, true, "1998-05-05T00:00:00Z")
                .port(301, 65202, 1000, false, "1998-05-05T00:00:00Z");
    }

    @Test
    void truncatedDumpIsRejectedAndNothingOfTheMonthIsStored() {
        String dump = goodDump().json();
        given().auth().oauth2(ADMIN).contentType("application/json").body(dump.substring(0, dump.length() - 40))
                .when().post("/ixp/imports/upload/1999-01?wait=true").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Malformed dump"))
                .body("detail", containsString("nothing of the month was stored"));
        given().when().get("/ixp/imports?status=failed&limit=1").then()
                .body("[0].month", equalTo("1999-01-01"))
                .body("[0].kind", equalTo("upload"))
                .body("[0].error", containsString("malformed"));
        given().when().get("/ixp/stats/ixps?month=1999-01").then().statusCode(200).body("$", empty());
        given().when().get("/ixp/ixps/301").then().statusCode(404);
    }

    @Test
    void truncatedPythonLiteralDumpIsRejected() {
        String dump = goodDump().pythonLiteral();
        given().auth().oauth2(ADMIN).contentType("text/plain").body(dump.substring(0, dump.length() / 2))
                .when().post("/ixp/imports/upload/1999-01?wait=true").then()
                .statusCode(400).body("title", equalTo("Malformed dump"));
        given().auth().oauth2(ADMIN).contentType("application/json").body("[]")
                .when().post("/ixp/imports/upload/1999-01?wait=true").then().statusCode(400);
        given().auth().oauth2(ADMIN).contentType("application/json").body(goodDump().json())
                .when().post("/ixp/imports/upload/1999-13?wait=true").then().statusCode(400)
                .body("errors[0].field", equalTo("month"));
    }

    @Test
    void badRecordsAreSkippedWithReasonsAndTheRestImported() {
        DumpBuilder dump = goodDump()
                .ix(302, "Atlantis IX", "XX", "1998-01-01T00:00:00Z")
                .ix(301, "Upload IX again", "SE", "1998-01-01T00:00:00Z")
                .port(301, 65203, -100, false, "1998-05-05T00:00:00Z")
                .rawPort(Map.of("id", 39_000, "ix_id", 301, "speed", 10, "created", "1998-05-05T00:00:00Z"))
                .rawPort(Map.of("id", 30_000, "ix_id", 301, "asn", 65204, "speed", 10, "created", "1998-05-05T00:00:00Z"));
        Map<String, Object> byReason = given().auth().oauth2(ADMIN).contentType("application/json").body(dump.json())
                .when().post("/ixp/imports/upload/1999-02?wait=true").then()
                .statusCode(200)
                .body("status", equalTo("succeeded"))
                .body("report.ixps", equalTo(1))
                .body("report.memberships", equalTo(2))
                .body("report.skippedCount", equalTo(5))
                .extract().jsonPath().getMap("report.skippedByReason");
        assertEquals(Map.of("ix: country not ISO 3166", 1, "ix: duplicate id", 1, "netixlan: negative speed", 1,
                "netixlan: missing field", 1, "netixlan: duplicate id", 1), byReason);
        given().when().get("/ixp/ixps/301").then().statusCode(200)
                .body("ixp.name", equalTo("Upload IX"))
                .body("members.size()", equalTo(2))
                // 1999-02 is followed by stored months without IXP 301: its members left at the end of February
                .body("members[0].periods[0].endDate", equalTo("1999-02-28"));
    }

    @Test
    void refusesAWaitFlagThatIsNeitherTrueNorFalse() {
        given().auth().oauth2(ADMIN).when().post("/ixp/imports/archive/1999-01?wait=maybe")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("wait"));
    }

    @Test
    void refusesAnOffsetBeyondWhatAPageCanStartAt() {
        given().when().get("/ixp/ixps?offset=2147483648")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("offset"));
    }

    @Test
    void refusesMonthsOutsideAnySourcesRange() {
        given().auth().oauth2(ADMIN).when().post("/ixp/stats/generate?month=0001-01")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(ADMIN).when().post("/ixp/imports/archive/9999-12")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void showsWhoStartedAnImportOnlyToTokenHolders() {
        // A failed run is recorded too, with who asked for it; it changes no history the other tests read.
        String dump = goodDump().json();
        given().auth().oauth2(ADMIN).contentType("application/json").body(dump.substring(0, dump.length() - 40))
                .when().post("/ixp/imports/upload/1999-01?wait=true").then().statusCode(400);
        given().when().get("/ixp/imports").then().statusCode(200)
                .body("requestedBy.findAll { it != null }", empty());
        given().auth().oauth2(ADMIN).when().get("/ixp/imports").then().statusCode(200)
                .body("requestedBy", org.hamcrest.Matchers.hasItem("alice"));
    }
}
