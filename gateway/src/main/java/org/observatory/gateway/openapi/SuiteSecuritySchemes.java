package org.observatory.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The suite's one set of security schemes, and the translation of each service's own scheme names into it.
 * Every service names its schemes as it likes; what matters is their type: an OIDC or OAuth2 scheme or an HTTP
 * bearer becomes "oauth2 or bearer" (the same Keycloak tokens), an API key becomes esmond's key, HTTP Basic stays
 * Basic. Generators produce authentication for {@code oauth2} and {@code http}, not for {@code openIdConnect}.
 */
final class SuiteSecuritySchemes {

    static final String OAUTH2 = "oauth2";
    static final String BEARER = "bearer";
    static final String ESMOND_KEY = "esmondKey";
    static final String BASIC = "basic";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Map<String, String> scopes = new LinkedHashMap<>();
    private final Set<String> used = new LinkedHashSet<>(List.of(OAUTH2, BEARER));

    /** The suite's requirements for one service's {@code security} array, given that service's declared schemes. */
    ArrayNode translate(JsonNode requirements, JsonNode serviceSchemes) {
        Set<JsonNode> out = new LinkedHashSet<>();
        for (JsonNode requirement : requirements) {
            if (requirement.size() == 1) {
                var entry = requirement.fields().next();
                out.addAll(alternatives(kindOf(serviceSchemes.path(entry.getKey())), entry.getValue()));
            } else {
                // Several schemes together (all needed): keep them together, each under its suite name.
                ObjectNode together = JSON.objectNode();
                requirement.fields().forEachRemaining(e -> {
                    ObjectNode first = (ObjectNode) alternatives(kindOf(serviceSchemes.path(e.getKey())), e.getValue()).get(0);
                    together.setAll(first);
                });
                out.add(together);
            }
        }
        ArrayNode array = JSON.arrayNode();
        out.forEach(array::add);
        return array;
    }

    /** Records the scopes a service's own OAuth2 flows describe, so the suite's flows describe them too. */
    void describeScopes(JsonNode serviceSchemes) {
        serviceSchemes.forEach(scheme -> scheme.path("flows").forEach(flow -> flow.path("scopes").fields()
                .forEachRemaining(s -> scopes.putIfAbsent(s.getKey(), s.getValue().asText()))));
    }

    /** The {@code securitySchemes} section: oauth2 and bearer always, esmond's key and Basic where an operation takes them. */
    ObjectNode schemes(SuiteDocumentSettings settings) {
        ObjectNode schemes = JSON.objectNode();
        ObjectNode scopeNode = JSON.objectNode();
        scopes.forEach(scopeNode::put);
        ObjectNode oauth2 = schemes.putObject(OAUTH2).put("type", "oauth2")
                .put("description", "Tokens from the suite's issuer: client credentials for agents, authorization code for people."
                        + " Roles such as measurements:write travel in the token.");
        ObjectNode flows = oauth2.putObject("flows");
        flows.putObject("clientCredentials").put("tokenUrl", settings.tokenUrl()).set("scopes", scopeNode.deepCopy());
        flows.putObject("authorizationCode").put("authorizationUrl", settings.authorizationUrl())
                .put("tokenUrl", settings.tokenUrl()).set("scopes", scopeNode.deepCopy());
        schemes.putObject(BEARER).put("type", "http").put("scheme", "bearer").put("bearerFormat", "JWT")
                .put("description", "An access token from the suite's issuer, obtained by any flow.");
        if (used.contains(ESMOND_KEY)) {
            schemes.putObject(ESMOND_KEY).put("type", "apiKey").put("in", "header").put("name", "Authorization")
                    .put("description", "esmond's write key for perfSONAR agents: 'Token <key>' (or the older 'ApiKey <user>:<key>').");
        }
        if (used.contains(BASIC)) {
            schemes.putObject(BASIC).put("type", "http").put("scheme", "basic")
                    .put("description", "HTTP Basic with an esmond user and key, as pScheduler's archiver sends it.");
        }
        return schemes;
    }

    private enum Kind { TOKEN, API_KEY, BASIC }

    private static Kind kindOf(JsonNode scheme) {
        String type = scheme.path("type").asText("");
        if (type.equals("apiKey")) {
            return Kind.API_KEY;
        }
        if (type.equals("http") && scheme.path("scheme").asText("").equalsIgnoreCase("basic")) {
            return Kind.BASIC;
        }
        // openIdConnect, oauth2, http bearer, or a name the service did not declare: the suite's tokens.
        return Kind.TOKEN;
    }

    private List<JsonNode> alternatives(Kind kind, JsonNode scopeList) {
        List<JsonNode> out = new ArrayList<>();
        switch (kind) {
            case API_KEY -> {
                used.add(ESMOND_KEY);
                out.add(requirement(ESMOND_KEY, JSON.arrayNode()));
            }
            case BASIC -> {
                used.add(BASIC);
                out.add(requirement(BASIC, JSON.arrayNode()));
            }
            case TOKEN -> {
                ArrayNode roles = JSON.arrayNode();
                if (scopeList.isArray()) {
                    scopeList.forEach(s -> {
                        roles.add(s.asText());
                        scopes.putIfAbsent(s.asText(), "Role " + s.asText());
                    });
                }
                out.add(requirement(OAUTH2, roles));
                out.add(requirement(BEARER, JSON.arrayNode()));
            }
        }
        return out;
    }

    private static ObjectNode requirement(String scheme, ArrayNode scopes) {
        ObjectNode requirement = JSON.objectNode();
        requirement.set(scheme, scopes);
        return requirement;
    }
}
