package org.observatory.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges the services' OpenAPI 3.0 documents into one for the whole suite, so that one generated client
 * reaches every service through the gateway. Paths are disjoint by the gateway's routing; what can clash is
 * component names and operation ids, which are prefixed with the service's name where they do.
 */
public final class OpenApiMerger {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final List<String> COMPONENT_SECTIONS = List.of("schemas", "responses", "parameters", "examples",
            "requestBodies", "headers", "links", "callbacks");
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private OpenApiMerger() {
    }

    /**
     * @param info       the merged document's {@code info} object
     * @param documents  each service's document by service name, in the order they should appear
     * @param openIdUrl  the issuer's discovery URL, for the one security scheme of the suite
     */
    public static ObjectNode merge(ObjectNode info, Map<String, JsonNode> documents, String openIdUrl) {
        ObjectNode merged = JSON.objectNode();
        merged.put("openapi", "3.0.3");
        merged.set("info", info);
        ObjectNode paths = merged.putObject("paths");
        ObjectNode components = JSON.objectNode();
        Map<String, ObjectNode> tags = new LinkedHashMap<>();
        Set<String> operationIds = new HashSet<>();

        documents.forEach((service, original) -> {
            JsonNode document = original.deepCopy();
            renameClashingComponents(service, document, components);
            JsonNode servicePaths = document.path("paths");
            for (Iterator<Map.Entry<String, JsonNode>> it = servicePaths.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> path = it.next();
                if (paths.has(path.getKey()) || !path.getValue().isObject()) {
                    continue;
                }
                ObjectNode item = (ObjectNode) path.getValue();
                item.fields().forEachRemaining(op -> {
                    if (HTTP_METHODS.contains(op.getKey()) && op.getValue().isObject()) {
                        tagAndNameOperation(service, (ObjectNode) op.getValue(), operationIds);
                    }
                });
                paths.set(path.getKey(), item);
            }
            document.path("tags").forEach(tag -> tags.putIfAbsent(tag.path("name").asText(), (ObjectNode) tag));
            tags.putIfAbsent(service, JSON.objectNode().put("name", service)
                    .put("description", "Operations of " + service));
            JsonNode serviceComponents = document.path("components");
            for (String section : COMPONENT_SECTIONS) {
                serviceComponents.path(section).fields().forEachRemaining(c -> sectionOf(components, section).set(c.getKey(), c.getValue()));
            }
        });

        ArrayNode tagList = merged.putArray("tags");
        tags.values().forEach(tagList::add);
        ObjectNode schemes = sectionOf(components, "securitySchemes");
        schemes.putObject("oidc").put("type", "openIdConnect").put("openIdConnectUrl", openIdUrl);
        merged.set("components", components);
        return merged;
    }

    /** Gives each component of {@code service} that clashes with one already merged a service-prefixed name. */
    private static void renameClashingComponents(String service, JsonNode document, ObjectNode merged) {
        Map<String, String> renames = new LinkedHashMap<>();
        JsonNode serviceComponents = document.path("components");
        for (String section : COMPONENT_SECTIONS) {
            JsonNode own = serviceComponents.path(section);
            if (!own.isObject()) {
                continue;
            }
            ObjectNode renamed = JSON.objectNode();
            own.fields().forEachRemaining(c -> {
                String name = c.getKey();
                if (merged.path(section).has(name)) {
                    String unique = pascal(service) + name;
                    renames.put("#/components/" + section + "/" + name, "#/components/" + section + "/" + unique);
                    name = unique;
                }
                renamed.set(name, c.getValue());
            });
            ((ObjectNode) serviceComponents).set(section, renamed);
        }
        if (!renames.isEmpty()) {
            rewriteRefs(document, renames);
        }
    }

    private static void rewriteRefs(JsonNode node, Map<String, String> renames) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual() && renames.containsKey(ref.asText())) {
                object.set("$ref", TextNode.valueOf(renames.get(ref.asText())));
            }
            object.elements().forEachRemaining(child -> rewriteRefs(child, renames));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> rewriteRefs(child, renames));
        }
    }

    private static void tagAndNameOperation(String service, ObjectNode operation, Set<String> operationIds) {
        if (!operation.path("tags").isArray() || operation.path("tags").isEmpty()) {
            operation.putArray("tags").add(service);
        }
        String id = operation.path("operationId").asText("");
        if (!id.isEmpty()) {
            if (!operationIds.add(id)) {
                id = camel(service) + Character.toUpperCase(id.charAt(0)) + id.substring(1);
                operationIds.add(id);
                operation.put("operationId", id);
            }
        }
        if (operation.has("security")) {
            // Each service names its scheme; in the suite there is one, the gateway's.
            ArrayNode security = JSON.arrayNode();
            security.addObject().putArray("oidc");
            operation.set("security", security);
        }
    }

    private static ObjectNode sectionOf(ObjectNode components, String section) {
        return components.has(section) ? (ObjectNode) components.get(section) : components.putObject(section);
    }

    static String pascal(String service) {
        StringBuilder out = new StringBuilder();
        for (String part : service.split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return out.toString();
    }

    static String camel(String service) {
        String pascal = pascal(service);
        return pascal.isEmpty() ? pascal : Character.toLowerCase(pascal.charAt(0)) + pascal.substring(1);
    }

    /** The names of the services whose documents could not be had, for the merged document's description. */
    static List<String> missing(Map<String, JsonNode> documents, Iterable<String> services) {
        List<String> missing = new ArrayList<>();
        services.forEach(s -> {
            if (!documents.containsKey(s)) {
                missing.add(s);
            }
        });
        return missing;
    }
}
