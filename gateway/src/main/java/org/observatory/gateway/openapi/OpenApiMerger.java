package org.observatory.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges the services' OpenAPI 3.0 documents into the suite's one document, so that one generated client reaches
 * every service through the gateway. The gateway serves it from the live documents and the build writes it from
 * the stored ones, both with this class. The rules:
 * <ul>
 * <li>one server, the gateway's public URL; one set of security schemes ({@link SuiteSecuritySchemes});</li>
 * <li>components that are equal by content are kept once; a name used with other content is renamed with the
 * service's name as prefix, and that service's references follow;</li>
 * <li>one tag per service, so a generated client has one API class per service;</li>
 * <li>an operation id or a path used twice is an error ({@link OpenApiMergeException}), never renamed: a
 * generated method's name must not depend on the order the services were merged in.</li>
 * </ul>
 */
public final class OpenApiMerger {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final List<String> COMPONENT_SECTIONS = List.of("schemas", "responses", "parameters", "examples",
            "requestBodies", "headers", "links", "callbacks");
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private OpenApiMerger() {
    }

    /**
     * @param settings  what the suite's document says about itself
     * @param documents each service's document by service name, in the order they should appear
     * @throws OpenApiMergeException when two operations share an id or two services a path
     */
    public static ObjectNode merge(SuiteDocumentSettings settings, Map<String, JsonNode> documents) {
        ObjectNode merged = JSON.objectNode();
        merged.put("openapi", "3.0.3");
        ObjectNode info = merged.putObject("info").put("title", settings.title()).put("version", settings.version());
        if (settings.description() != null) {
            info.put("description", settings.description());
        }
        merged.putArray("servers").addObject().put("url", settings.publicUrl()).put("description", "The gateway");
        ArrayNode tags = merged.putArray("tags");
        ObjectNode paths = merged.putObject("paths");
        ObjectNode components = merged.putObject("components");
        SuiteSecuritySchemes schemes = new SuiteSecuritySchemes();
        Map<String, String> operationIds = new HashMap<>();

        documents.forEach((service, original) -> {
            JsonNode document = original.deepCopy();
            JsonNode serviceSchemes = document.path("components").path("securitySchemes");
            schemes.describeScopes(serviceSchemes);
            mergeComponents(service, document, components);
            JsonNode global = document.path("security");
            for (Iterator<Map.Entry<String, JsonNode>> it = document.path("paths").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> path = it.next();
                if (paths.has(path.getKey())) {
                    throw new OpenApiMergeException("path " + path.getKey() + " of " + service + " is already declared by another service");
                }
                if (!path.getValue().isObject()) {
                    continue;
                }
                ObjectNode item = (ObjectNode) path.getValue();
                item.fields().forEachRemaining(op -> {
                    if (HTTP_METHODS.contains(op.getKey()) && op.getValue().isObject()) {
                        ObjectNode operation = (ObjectNode) op.getValue();
                        String where = op.getKey().toUpperCase() + " " + path.getKey() + " (" + service + ")";
                        claimOperationId(operation, where, operationIds);
                        operation.putArray("tags").add(service);
                        JsonNode security = operation.has("security") ? operation.get("security") : global;
                        if (security.isArray()) {
                            operation.set("security", schemes.translate(security, serviceSchemes));
                        }
                    }
                });
                paths.set(path.getKey(), item);
            }
            tags.addObject().put("name", service).put("description", describe(service, document));
        });

        components.set("securitySchemes", schemes.schemes(settings));
        return merged;
    }

    /** The names of the services whose documents could not be had, for the merged document's description. */
    public static List<String> missing(Map<String, JsonNode> documents, Iterable<String> services) {
        List<String> missing = new ArrayList<>();
        services.forEach(s -> {
            if (!documents.containsKey(s)) {
                missing.add(s);
            }
        });
        return missing;
    }

    private static void claimOperationId(ObjectNode operation, String where, Map<String, String> operationIds) {
        String id = operation.path("operationId").asText("");
        if (id.isEmpty()) {
            throw new OpenApiMergeException(where + " has no operationId");
        }
        String earlier = operationIds.putIfAbsent(id, where);
        if (earlier != null) {
            throw new OpenApiMergeException("operationId '" + id + "' of " + where + " is already the id of " + earlier);
        }
    }

    private static String describe(String service, JsonNode document) {
        String title = document.path("info").path("title").asText(service);
        String description = document.path("info").path("description").asText("");
        return description.isEmpty() ? title : title + ": " + description;
    }

    /**
     * Adds the service's components that are not there yet. A component whose name is taken by other content is
     * renamed; since renaming changes the references inside other components, it repeats until nothing more clashes.
     */
    private static void mergeComponents(String service, JsonNode document, ObjectNode merged) {
        JsonNode own = document.path("components");
        Map<String, String> refRenames = new LinkedHashMap<>();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (String section : COMPONENT_SECTIONS) {
                for (Iterator<Map.Entry<String, JsonNode>> it = own.path(section).fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> component = it.next();
                    String ref = ref(section, component.getKey());
                    JsonNode existing = merged.path(section).get(component.getKey());
                    if (refRenames.containsKey(ref) || existing == null) {
                        continue;
                    }
                    JsonNode rewritten = component.getValue().deepCopy();
                    rewriteRefs(rewritten, refRenames);
                    if (!existing.equals(rewritten)) {
                        String unique = uniqueName(service, section, component.getKey(), own, merged, refRenames);
                        refRenames.put(ref, ref(section, unique));
                        changed = true;
                    }
                }
            }
        }
        if (!refRenames.isEmpty()) {
            rewriteRefs(document, refRenames);
        }
        for (String section : COMPONENT_SECTIONS) {
            own.path(section).fields().forEachRemaining(component -> {
                String ref = refRenames.getOrDefault(ref(section, component.getKey()), ref(section, component.getKey()));
                String name = ref.substring(ref.lastIndexOf('/') + 1);
                ObjectNode target = merged.has(section) ? (ObjectNode) merged.get(section) : merged.putObject(section);
                if (!target.has(name)) {
                    target.set(name, component.getValue());
                }
            });
        }
    }

    private static String uniqueName(String service, String section, String name, JsonNode own, ObjectNode merged,
            Map<String, String> refRenames) {
        String base = pascal(service) + name;
        String candidate = base;
        for (int n = 2; merged.path(section).has(candidate) || own.path(section).has(candidate)
                || refRenames.containsValue(ref(section, candidate)); n++) {
            candidate = base + n;
        }
        return candidate;
    }

    private static String ref(String section, String name) {
        return "#/components/" + section + "/" + name;
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

    static String pascal(String service) {
        StringBuilder out = new StringBuilder();
        for (String part : service.split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return out.toString();
    }
}
