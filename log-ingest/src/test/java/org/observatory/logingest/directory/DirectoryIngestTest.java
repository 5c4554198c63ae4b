package org.observatory.logingest.directory;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.observatory.logingest.TestLogs.asAdmin;
import static org.observatory.logingest.TestLogs.asWriter;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.observatory.logingest.LogFolderTestResource;

@QuarkusTest
@QuarkusTestResource(LogFolderTestResource.class)
class DirectoryIngestTest {

    @Test
    void ingestsEachFileOfTheConfiguredFolderOnItsOwn() {
        asAdmin().when().post("/logs/directory").then().statusCode(200)
                .body("file", equalTo(List.of("txlog-20260301T0000-20260302T0000", "txlog-20260302T0000-20260303T0000.gz",
                        "txlog-broken")))
                .body("status", equalTo(List.of(200, 200, 422)))
                .body("[0].report.streamsStored", equalTo(2))
                .body("[1].report.streamsStored", equalTo(1));
        asAdmin().queryParam("file", "txlog-20260301T0000-20260302T0000").when().post("/logs/directory").then()
                .statusCode(200).body("[0].report.duplicates", equalTo(2));
    }

    @Test
    void readsOnlyPlainNamesInsideTheFolder() {
        asAdmin().queryParam("file", "../etc/passwd").when().post("/logs/directory").then().statusCode(400);
        asAdmin().queryParam("file", "missing").when().post("/logs/directory").then().statusCode(404);
    }

    @Test
    void needsTheAdminRole() {
        given().when().post("/logs/directory").then().statusCode(401);
        asWriter().when().post("/logs/directory").then().statusCode(403);
    }
}
