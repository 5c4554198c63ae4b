package org.observatory.testsupport;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a service's OpenAPI document must hold for the people who generate clients from it. {@link #defects}
 * lists every breach with the operation it is in, so that one failing test names them all.
 */
public final class OpenApiConventions {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
    private static final String PROBLEM_REF = "#/components/schemas/Problem";
    /** Components named for Jackson's tree types: the model leaked instead of a typed schema. */
    private static final Pattern JACKSON = Pattern.compile("(?i)(Json|Object|Array|Text|Numeric|Value|Container)Node(Type)?|JsonNode.*");

    /** A verb and its object in camel case: {@code listIxps}, {@code ingestTxLog}; a method name alone clashes across services. */
    private static final Pattern MEANINGFUL_ID = Pattern.compile("[a-z]+[A-Z][A-Za-z0-9]*");

    private OpenApiConventions() {
    }

    /** Every breach of the conventions in one document (parsed JSON), each naming where it is. */
    @SuppressWarnings("unchecked")
    public static List<String> defects(Map<String, Object> document) {
        List<String> defects = new ArrayList<>();
        Map<String, Object> components = map(document.get("components"));
        map(components.get("schemas")).keySet().stream().filter(name -> JACKSON.matcher(name).matches())
                .forEach(name -> defects.add("component " + name + " is a Jackson type, not a schema"));
        if (!map(components.get("schemas")).containsKey("Problem")) {
            defects.add("no Problem component");
        }
        securitySchemes(map(components.get("securitySchemes")), defects);
        Map<String, String> ids = new HashMap<>();
        map(document.get("paths")).forEach((path, item) -> map(item).forEach((method, value) -> {
            if (!METHODS.contains(method)) {
                return;
            }
            Map<String, Object> operation = map(value);
            String where = method.toUpperCase() + " " + path;
            Object id = operation.get("operationId");
            if (!(id instanceof String text) || text.isBlank()) {
                defects.add(where + ": no operationId");
            } else if (!MEANINGFUL_ID.matcher(text).matches()) {
                defects.add(where + ": operationId " + text + " is a bare word; name the action and its object (listIxps)");
            } else if (ids.putIfAbsent(text, where) != null) {
                defects.add(where + ": operationId " + text + " repeats " + ids.get(text));
            }
            requestBody(where, map(operation.get("requestBody")), defects);
            responses(where, map(operation.get("responses")), defects);
            List<Object> security = (List<Object>) operation.getOrDefault("security", List.of());
            if (!security.isEmpty()) {
                Map<String, Object> responses = map(operation.get("responses"));
                for (String code : List.of("401", "403")) {
                    if (!responses.containsKey(code)) {
                        defects.add(where + ": secured but no " + code);
                    }
                }
                List<String> schemes = security.stream().flatMap(r -> map(r).keySet().stream()).toList();
                if (!schemes.contains("oauth2") || !schemes.contains("bearer")) {
                    defects.add(where + ": secured but does not accept oauth2 and bearer, only " + schemes);
                }
            }
            for (Object parameter : (List<Object>) operation.getOrDefault("parameters", List.of())) {
                Map<String, Object> p = map(parameter);
                if (!(p.get("description") instanceof String d) || d.isBlank()) {
                    defects.add(where + ": parameter " + p.get("name") + " has no description");
                }
                if (p.get("schema") == null) {
                    defects.add(where + ": parameter " + p.get("name") + " has no schema");
                }
            }
        }));
        return defects;
    }

    private static void securitySchemes(Map<String, Object> schemes, List<String> defects) {
        Map<String, Object> oauth2 = map(schemes.get("oauth2"));
        Map<String, Object> flows = map(oauth2.get("flows"));
        if (!"oauth2".equals(oauth2.get("type")) || !flows.containsKey("clientCredentials")
                || !flows.containsKey("authorizationCode")) {
            defects.add("no oauth2 scheme with client-credentials and authorization-code flows");
        }
        Map<String, Object> bearer = map(schemes.get("bearer"));
        if (!"http".equals(bearer.get("type")) || !"bearer".equals(bearer.get("scheme"))) {
            defects.add("no http bearer scheme");
        }
        schemes.forEach((name, scheme) -> {
            if ("openIdConnect".equals(map(scheme).get("type"))) {
                defects.add("scheme " + name + " is openIdConnect, which generators cannot use");
            }
        });
    }

    private static void requestBody(String where, Map<String, Object> body, List<String> defects) {
        map(body.get("content")).forEach((mediaType, content) -> {
            if (mediaType.contains("*")) {
                defects.add(where + ": request body of media type " + mediaType);
            }
            if (map(content).get("schema") == null) {
                defects.add(where + ": request body " + mediaType + " has no schema");
            }
        });
    }

    private static void responses(String where, Map<String, Object> responses, List<String> defects) {
        if (responses.keySet().stream().noneMatch(code -> code.startsWith("2"))) {
            defects.add(where + ": no 2xx answer");
        }
        responses.forEach((code, value) -> {
            Map<String, Object> content = map(map(value).get("content"));
            if (code.startsWith("2") && !code.equals("204")) {
                if (content.isEmpty()) {
                    defects.add(where + ": " + code + " has no schema");
                }
                content.forEach((mediaType, media) -> {
                    Object schema = map(media).get("schema");
                    if (schema == null) {
                        defects.add(where + ": " + code + " " + mediaType + " has no schema");
                    } else if (!typed(map(schema))) {
                        defects.add(where + ": " + code + " " + mediaType + " is an untyped object (a Map?); name its shape");
                    }
                });
            } else if (code.startsWith("4") || code.startsWith("5")) {
                Object schema = map(content.get("application/problem+json")).get("schema");
                if (!PROBLEM_REF.equals(map(schema).get("$ref"))) {
                    defects.add(where + ": " + code + " is not a Problem (application/problem+json)");
                }
            }
        });
    }

    /**
     * A schema a generator can make a type of: a reference, an object with properties, a primitive, an array of
     * typed items; a free-form object only when its description says what it holds.
     */
    private static boolean typed(Map<String, Object> schema) {
        Object type = schema.get("type");
        if (schema.containsKey("$ref") || schema.containsKey("properties") || schema.containsKey("additionalProperties")
                || schema.containsKey("allOf") || schema.containsKey("oneOf") || schema.containsKey("anyOf")) {
            return true;
        }
        if ("array".equals(type)) {
            return typed(map(schema.get("items")));
        }
        if ("object".equals(type) || type == null) {
            return schema.get("description") instanceof String d && !d.isBlank();
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
