package org.observatory.gateway.openapi;

/** The suite document's own words, the same for the gateway and for the build. */
public final class SuiteDocument {

    public static final String TITLE = "Observatory";
    public static final String DESCRIPTION = "Every service of the Observatory suite, reached through the gateway."
            + " Reads are open; writes and administration take an access token from the suite's issuer"
            + " (client credentials for agents) with the role the operation names.";

    private SuiteDocument() {
    }

    /** The settings for a suite of {@code version} served at {@code publicUrl}, with tokens from {@code issuer}. */
    public static SuiteDocumentSettings settings(String version, String publicUrl, String issuer) {
        return SuiteDocumentSettings.forIssuer(TITLE, version, DESCRIPTION, publicUrl, issuer);
    }
}
