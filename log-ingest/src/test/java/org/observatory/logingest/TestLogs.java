package org.observatory.logingest;

import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.specification.RequestSpecification;
import java.util.Set;

import static io.restassured.RestAssured.given;

/** Helpers shared by the HTTP tests. */
public final class TestLogs {

    private TestLogs() {
    }

    public static String writerToken() {
        return OidcWiremockTestResource.getAccessToken("ingest-bot", Set.of("logs:write"));
    }

    public static String adminToken() {
        return OidcWiremockTestResource.getAccessToken("operator", Set.of("logs:write", "logs:admin"));
    }

    public static RequestSpecification asWriter() {
        return given().auth().oauth2(writerToken());
    }

    public static RequestSpecification asAdmin() {
        return given().auth().oauth2(adminToken());
    }

    /** A text block for client {@code address} at {@code logTime} ("2026-03-16 01:00:00"), one line per stream. */
    public static String block(String address, String clientId, String logTime, String connectTime, String... streamLines) {
        long total = 0;
        StringBuilder out = new StringBuilder();
        out.append("START CLIENT host-").append(address.replace(':', '-')).append(" [").append(address).append("] (SeedLink|")
                .append(clientId).append(") @ ").append(logTime).append(" (connected ").append(connectTime).append(") TX\n");
        for (String line : streamLines) {
            out.append(line).append('\n');
            total += Long.parseLong(line.split(" ")[1]);
        }
        out.append("END CLIENT host-").append(address.replace(':', '-')).append(" [").append(address)
                .append("] total TX bytes: ").append(total).append('\n');
        return out.toString();
    }
}
