package org.observatory.gateway.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ConsoleRoutesTest {

    @Test
    void servesTheConsoleShellAtItsRoot() {
        given().when().get("/console/")
                .then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("<script type=\"module\" src=\"/console/js/main.js\"></script>"));
    }

    @Test
    void redirectsTheBarePathToTheConsoleRoot() {
        given().redirects().follow(false).when().get("/console")
                .then().statusCode(302).header("Location", endsWith("/console/"));
    }

    @Test
    void answersEveryPagePathWithTheShellSoThatItsUrlCanBeShared() {
        for (String page : new String[] {"/console/instances", "/console/instances/12", "/console/ixps/7?show=all",
                "/console/measurements/EC7E5AF67F8746C8AEF41E60288F3F59", "/console/callback?code=x&state=y"}) {
            given().when().get(page).then().statusCode(200).contentType(containsString("text/html"))
                    .body(containsString("id=\"main\""));
        }
    }

    @Test
    void servesScriptsAndTheBundledWorldOutlinesFromTheGatewayItself() {
        given().when().get("/console/js/main.js").then().statusCode(200).contentType(containsString("javascript"));
        given().when().get("/console/vendor/world-atlas@2.0.2/countries-110m.json")
                .then().statusCode(200).body("objects.countries.geometries.size()", greaterThan(170));
        given().when().get("/console/vendor/i18n-iso-countries@7.14.0/codes.json").then().statusCode(200);
    }

    @Test
    void answersNotFoundForAMissingFileInsteadOfTheShell() {
        given().when().get("/console/js/missing.js").then().statusCode(404);
    }

    @Test
    void tellsTheBrowserWhichIssuerAndPublicClientToLogInWith() {
        given().when().get("/console/config.json")
                .then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("clientId", equalTo("observatory-web"))
                .body("issuer", endsWith("/realms/quarkus"));
    }

    @Test
    void limitsWhatConsolePagesMayLoadToThisOriginAndTheIssuer() {
        given().when().get("/console/instances")
                .then().statusCode(200)
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                .header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void leavesTheApiRoutesToTheBackends() {
        given().when().get("/registry/instances?limit=1").then().statusCode(201).body("uri", equalTo("/registry/instances?limit=1"));
    }
}
