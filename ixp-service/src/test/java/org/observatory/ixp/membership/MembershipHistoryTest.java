package org.observatory.ixp.membership;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.path.json.config.JsonPathConfig;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.observatory.ixp.DumpBuilder;

/**
 * One scenario of six months (2001-01..2001-06) backfilled from a local archive out of order and with
 * repeats; every membership rule and statistic is pinned against hand-computed values.
 *
 * <pre>
 * IXP 101 DE  65001 65002 all months; 65003 Jan-Mar (leaves); 65004 all (created 2000-09-15)
 * IXP 102 DE  65005 Jan-Feb, again Apr-Jun with a new created (rejoin); 65006 Jan-Feb, May-Jun, same created (resurrect)
 * IXP 103 DE  65099 all months, but the RIR lists it as available; 65001 on two ports
 * IXP 104 XX  not an ISO country: skipped, and its port too
 * IXP 105 FR  65030 all months
 * </pre>
 */
@QuarkusTest
@Order(1)
class MembershipHistoryTest {

    static final String ADMIN = OidcWiremockTestResource.getAccessToken("alice", Set.of("ixp:admin"));
    private static final String OLD = "2000-06-01T00:00:00Z";
    private static boolean imported;

    static String dump(int month, boolean variant) {
        DumpBuilder d = new DumpBuilder(month * 1000L)
                .ix(101, "Leave IX", "DE", "2000-01-01T00:00:00Z")
                .ix(102, "Rejoin IX", "DE", "2000-01-01T00:00:00.000001Z")
                .ix(103, "Unassigned IX", "DE", "2000-01-01T00:00:00Z")
                .ix(104, "Nowhere IX", "XX", "2000-01-01T00:00:00Z")
                .ix(105, "Paris IX", "FR", "2000-01-01T00:00:00Z");
        for (long asn : List.of(65001L, 65002L, 65003L, 65004L, 65005L, 65006L, 65007L, 65030L, 65099L)) {
            d.net(asn, "Net " + asn);
        }
        d.port(101, 65001, 1000, true, OLD);
        if (!variant) {
            d.port(101, 65002, 10000, false, OLD);
        }
        if (month <= 3) {
            d.port(101, 65003, 1000, true, OLD);
        }
        d.port(101, 65004, 100000, true, "2000-09-15T10:00:00Z");
        if (month <= 2) {
            d.port(102, 65005, 1000, false, OLD);
        } else if (month >= 4) {
            d.port(102, 65005, 1000, false, "2001-04-02T08:00:00Z");
        }
        if (month <= 2 || month >= 5) {
            d.port(102, 65006, 1000, true, OLD);
        }
        d.port(103, 65099, 1000, false, OLD);
        d.port(103, 65001, 10000, false, OLD);
        d.port(103, 65001, 10000, true, "2000-07-01T00:00:00Z");
        d.port(104, 65001, 1000, false, OLD);
        d.port(105, 65030, 1000, false, OLD);
        d.rawPort(Map.of("id", month * 1000L + 900, "ix_id", 101, "asn", 65007, "speed", -1000, "is_rs_peer", false,
                "created", OLD));
        return month == 4 ? d.pythonLiteral() : d.json();
    }

    @BeforeAll
    static void numbersAsDoubles() {
        RestAssured.config = RestAssured.config().jsonConfig(JsonConfig.jsonConfig()
                .numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
    }

    @BeforeEach
    void importScenarioOnce() {
        if (imported) {
            return;
        }
        DumpBuilder.writeArchive(LocalDate.of(2001, 1, 1), dump(1, false));
        // February: the 5th is the earliest dump; the 20th (without 65002 at IXP 101) must not be used
        DumpBuilder.writeArchive(LocalDate.of(2001, 2, 5), dump(2, false));
        DumpBuilder.writeArchive(LocalDate.of(2001, 2, 20), dump(2, true));
        DumpBuilder.writeArchive(LocalDate.of(2001, 3, 3), dump(3, false));
        DumpBuilder.writeArchive(LocalDate.of(2001, 4, 1), dump(4, false));
        DumpBuilder.writeArchive(LocalDate.of(2001, 5, 31), dump(5, false));
        DumpBuilder.writeArchive(LocalDate.of(2001, 6, 2), dump(6, false));
        for (String month : List.of("2001-03", "2001-01", "2001-06", "2001-02", "2001-05", "2001-04", "2001-03", "2001-01")) {
            importMonth(month).statusCode(200).body("status", equalTo("succeeded"));
        }
        imported = true;
    }

    static ValidatableResponse importMonth(String month) {
        return given().auth().oauth2(ADMIN).when().post("/ixp/imports/archive/" + month + "?wait=true").then();
    }

    private static JsonPath member(long ixp, long asn) {
        String body = given().when().get("/ixp/ixps/" + ixp).then().statusCode(200).extract().asString();
        Object found = JsonPath.from(body).get("members.find { it.asn == " + asn + " }");
        if (found == null) {
            throw new AssertionError("AS" + asn + " is not a member of " + ixp + ": " + body);
        }
        try {
            return JsonPath.from(new ObjectMapper().writeValueAsString(found));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void memberLeavesAtTheEndOfTheLastMonthItWasSeen() {
        JsonPath m = member(101, 65003);
        assertEquals(List.of(Map.of("startDate", "2000-06-01", "endDate", "2001-03-31", "rsPeer", true, "speed", 1000)),
                m.getList("periods"));
        assertEquals(false, m.getBoolean("current"));
    }

    @Test
    void memberRejoiningWithANewCreatedDateOpensANewPeriod() {
        List<Map<String, Object>> periods = member(102, 65005).getList("periods");
        assertEquals(2, periods.size());
        assertEquals("2000-06-01", periods.get(0).get("startDate"));
        assertEquals("2001-02-28", periods.get(0).get("endDate"));
        assertEquals("2001-04-02", periods.get(1).get("startDate"));
        assertEquals(null, periods.get(1).get("endDate"));
    }

    @Test
    void softDeletedMemberResurrectedWithTheSameCreatedReopensItsPeriod() {
        List<Map<String, Object>> periods = member(102, 65006).getList("periods");
        assertEquals(1, periods.size());
        assertEquals("2000-06-01", periods.get(0).get("startDate"));
        assertEquals(null, periods.get(0).get("endDate"));
    }

    @Test
    void asnNoLongerAssignedEndsAtTheEndOfTheMonthBeforeItWasLastSeen() {
        JsonPath m = member(103, 65099);
        assertEquals(1, m.getList("periods").size());
        assertEquals("2001-05-31", m.getString("periods[0].endDate"));
        assertEquals(false, m.getBoolean("current"));
    }

    @Test
    void portsOfOneNetworkFoldIntoOneMembership() {
        JsonPath m = member(103, 65001);
        assertEquals(20000, m.getInt("periods[0].speed"));
        assertEquals(true, m.getBoolean("periods[0].rsPeer"));
        assertEquals("2000-06-01", m.getString("periods[0].startDate"));
    }

    @Test
    void ixpIsActiveWithThreeOrMoreOpenMemberships() {
        given().when().get("/ixp/ixps?country=de&active=true").then().statusCode(200)
                .body("items.id", hasItem(101))
                .body("items.id", not(hasItem(102)))
                .body("items.id", not(hasItem(103)));
        given().when().get("/ixp/ixps/101").then().body("ixp.active", equalTo(true)).body("currentMembers", equalTo(3));
        given().when().get("/ixp/ixps/102").then().body("ixp.active", equalTo(false)).body("currentMembers", equalTo(2));
    }

    @Test
    void listsIxpsByNameWithPaging() {
        given().when().get("/ixp/ixps?name=rejoin").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].id", equalTo(102)).body("items[0].country", equalTo("DE"));
        given().when().get("/ixp/ixps?country=DE&limit=1&offset=1").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("limit", equalTo(1));
        given().when().get("/ixp/ixps?country=Germany").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("country"));
        given().when().get("/ixp/ixps?limit=0").then().statusCode(400);
    }

    @Test
    void ixpWithNonIsoCountryIsSkippedAndReported() {
        given().when().get("/ixp/ixps/104").then().statusCode(404).contentType("application/problem+json");
        Map<String, Object> byReason = given().when().get("/ixp/imports?status=succeeded&limit=1").then().statusCode(200)
                .extract().jsonPath().getMap("[0].report.skippedByReason");
        assertEquals(Map.of("ix: country not ISO 3166", 1, "netixlan: unknown ix", 1, "netixlan: negative speed", 1),
                byReason);
        given().when().get("/ixp/imports?status=succeeded&limit=1").then().statusCode(200)
                .body("[0].report.skipped.reason", hasItem("negative speed"))
                .body("[0].report.memberships", equalTo(9))
                .body("[0].report.phaseMillis.stats_ixps", not(nullValue()))
                .body("[0].durationMs", not(nullValue()));
    }

    @Test
    void showsAnAsnWithItsMembershipsAndRegistration() {
        given().when().get("/ixp/asns/65001").then().statusCode(200)
                .body("name", equalTo("Net 65001"))
                .body("registration.country", equalTo("DE"))
                .body("registration.status", equalTo("assigned"))
                .body("registration.routed", equalTo(true))
                .body("registration.manrs", equalTo(true))
                .body("memberships.ixpId", hasItem(101))
                .body("memberships.ixpId", hasItem(103))
                .body("memberships.ixpId", not(hasItem(104)));
        given().when().get("/ixp/asns/99999").then().statusCode(404);
        given().when().get("/ixp/asns/0").then().statusCode(400);
    }

    @Test
    void archiveUsesTheEarliestDumpOfTheMonth() {
        // the 20 February dump lacks 65002 at IXP 101; it was not used, so 65002 never left
        JsonPath m = member(101, 65002);
        assertEquals(1, m.getList("periods").size());
        assertEquals(null, m.getString("periods[0].endDate"));
        given().when().get("/ixp/imports?limit=50").then()
                .body("findAll { it.month == '2001-02-01' }.source[0]", containsString("peeringdb_2_dump_2001_02_05.json"));
    }

    @Test
    void ixpStatisticsMatchHandComputedValues() {
        given().when().get("/ixp/stats/ixps?month=2001-06&ixp=101").then().statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].members", equalTo(3))
                .body("[0].active", equalTo(true))
                .body("[0].rsPeers", equalTo(2))
                .body("[0].capacity", closeTo(111.0, 1e-9))
                .body("[0].rsPeeringRate", closeTo(2.0 / 3, 1e-9))
                .body("[0].localAsnsMembersRate", closeTo(0.3, 1e-9))
                .body("[0].localRoutedAsnsMembersRate", closeTo(0.5, 1e-9))
                .body("[0].localRoutedAsnsMembersCustomersRate", closeTo(0.75, 1e-9))
                .body("[0].membersJoinedLast12Months", equalTo(1))
                .body("[0].membersLeftLast12Months", equalTo(1))
                .body("[0].monthlyMembersChange", equalTo(0))
                .body("[0].monthlyMembersChangePercent", closeTo(0.0, 1e-9));
        // January: nobody was a member a year before; four members on 1 Dec 2000 and on 1 Jan 2001
        given().when().get("/ixp/stats/ixps?month=2001-01&ixp=101").then()
                .body("[0].members", equalTo(4))
                .body("[0].membersJoinedLast12Months", equalTo(4))
                .body("[0].membersLeftLast12Months", equalTo(0))
                .body("[0].monthlyMembersChange", equalTo(0));
        // April: 65003 left at the end of March
        given().when().get("/ixp/stats/ixps?month=2001-04&ixp=101").then()
                .body("[0].members", equalTo(3))
                .body("[0].monthlyMembersChange", equalTo(-1))
                .body("[0].monthlyMembersChangePercent", closeTo(-0.25, 1e-9));
        // May at IXP 103: 65099 still counted (ends 31 May), not registered in DE; 65001 on two ports
        given().when().get("/ixp/stats/ixps?month=2001-05&ixp=103").then()
                .body("[0].members", equalTo(2))
                .body("[0].capacity", closeTo(21.0, 1e-9))
                .body("[0].rsPeeringRate", closeTo(0.5, 1e-9))
                .body("[0].localAsnsMembersRate", closeTo(0.1, 1e-9))
                .body("[0].active", equalTo(false));
    }

    @Test
    void changePercentIsOneWhenThereWereNoMembersBefore() {
        given().auth().oauth2(ADMIN).when().post("/ixp/stats/generate?month=2000-06").then().statusCode(200)
                .body("months", equalTo(1));
        given().when().get("/ixp/stats/ixps?month=2000-06&ixp=101").then()
                .body("[0].members", equalTo(3))
                .body("[0].monthlyMembersChange", equalTo(3))
                .body("[0].monthlyMembersChangePercent", closeTo(1.0, 1e-9));
    }

    @Test
    void countryStatisticsCountActiveIxpsOnly() {
        given().when().get("/ixp/stats/countries?month=2001-06&country=DE").then().statusCode(200)
                .body("[0].ixpCount", equalTo(1))
                .body("[0].asnCount", equalTo(10))
                .body("[0].routedAsnCount", equalTo(4))
                .body("[0].memberCount", equalTo(3))
                .body("[0].asnsIxpMemberRate", closeTo(0.3, 1e-9))
                .body("[0].routedAsnsIxpMemberRate", closeTo(0.5, 1e-9))
                .body("[0].routedAsnsIxpMemberCustomersRate", closeTo(0.75, 1e-9))
                .body("[0].totalCapacity", closeTo(111.0, 1e-9));
        given().when().get("/ixp/stats/countries?month=2001-06&country=FR").then().statusCode(200)
                .body("[0].ixpCount", equalTo(0))
                .body("[0].asnCount", equalTo(1))
                .body("[0].memberCount", equalTo(0))
                .body("[0].asnsIxpMemberRate", closeTo(0.0, 1e-9))
                .body("[0].totalCapacity", closeTo(0.0, 1e-9));
    }

    @Test
    void servesStatisticsAsCsvForARange() {
        String csv = given().when().get("/ixp/stats/ixps?from=2001-05&to=2001-06&ixp=101&format=csv").then()
                .statusCode(200).contentType(containsString("text/csv")).extract().asString();
        String[] lines = csv.split("\r\n");
        assertEquals(3, lines.length, csv);
        assertEquals("ixp_id,ixp_name,month,country,active,members,rs_peers,capacity,rs_peering_rate,"
                + "local_asns_members_rate,local_routed_asns_members_rate,local_routed_asns_members_customers_rate,"
                + "members_joined_last_12_months,members_left_last_12_months,monthly_members_change,"
                + "monthly_members_change_percent", lines[0]);
        assertEquals("101,Leave IX,2001-06,DE,true,3,2,111.0,0.6666666666666666,0.3,0.5,0.75,1,1,0,0.0", lines[2]);
        given().accept("text/csv").when().get("/ixp/stats/countries?month=2001-06&country=DE").then()
                .statusCode(200).body(containsString("DE,2001-06,1,10,4,3,0.3,0.5,0.75,111.0"));
        given().when().get("/ixp/stats/ixps?from=2001-06&to=2001-01").then().statusCode(400);
        given().when().get("/ixp/stats/ixps?month=June").then().statusCode(400);
    }

    @Test
    void rerunningAMonthChangesNothing() {
        String ixpBefore = given().get("/ixp/ixps/101").then().extract().asString();
        String statsBefore = given().get("/ixp/stats/ixps?from=2001-01&to=2001-06").then().extract().jsonPath()
                .getList("findAll { it.ixpId <= 105 }").toString();
        importMonth("2001-02").statusCode(200).body("status", equalTo("succeeded"));
        assertEquals(ixpBefore, given().get("/ixp/ixps/101").then().extract().asString());
        assertEquals(statsBefore, given().get("/ixp/stats/ixps?from=2001-01&to=2001-06").then().extract().jsonPath()
                .getList("findAll { it.ixpId <= 105 }").toString());
        given().when().get("/ixp/stats/ixps?month=2001-03&ixp=101").then().body("[0].members", equalTo(4));
    }

    @Test
    void monthWithoutDumpIsNotFoundAndRecordedAsFailed() {
        importMonth("2001-09").statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("no dump"));
        given().when().get("/ixp/imports?status=failed&limit=1").then().body("[0].month", equalTo("2001-09-01"));
    }

    @Test
    void importsNeedTheAdminRole() {
        given().when().post("/ixp/imports/archive/2001-01?wait=true").then().statusCode(401);
        String reader = OidcWiremockTestResource.getAccessToken("bob", Set.of("measurements:write"));
        given().auth().oauth2(reader).when().post("/ixp/imports/archive/2001-01?wait=true").then().statusCode(403);
        given().auth().oauth2(reader).when().post("/ixp/stats/generate?month=2001-01").then().statusCode(403);
    }
}
