package org.observatory.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The build's merge: the suite's document from the documents the services stored at build time
 * ({@code quarkus.smallrye-openapi.store-schema-directory}), with the merger the gateway serves it with, so
 * that no running service is needed to generate a client.
 *
 * <pre>
 * StoredDocumentMerge &lt;out.json&gt; &lt;public-url&gt; &lt;issuer&gt; &lt;version&gt; &lt;service&gt;=&lt;openapi.json&gt;...
 * </pre>
 */
public final class StoredDocumentMerge {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private StoredDocumentMerge() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 5) {
            throw new IllegalArgumentException("usage: <out.json> <public-url> <issuer> <version> <service>=<openapi.json>...");
        }
        Map<String, Path> stored = new LinkedHashMap<>();
        for (int i = 4; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("not <service>=<openapi.json>: " + args[i]);
            }
            stored.put(args[i].substring(0, eq), Path.of(args[i].substring(eq + 1)));
        }
        JsonNode merged = merge(SuiteDocument.settings(args[3], args[1], args[2]), stored);
        Path out = Path.of(args[0]);
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        MAPPER.writeValue(out.toFile(), merged);
        System.out.println("Merged " + stored.keySet() + " into " + out + " (" + merged.path("paths").size() + " paths)");
    }

    /** Reads each stored document and merges them; a document that is missing is an error, not a gap. */
    public static JsonNode merge(SuiteDocumentSettings settings, Map<String, Path> stored) throws IOException {
        Map<String, JsonNode> documents = new LinkedHashMap<>();
        for (Map.Entry<String, Path> e : stored.entrySet()) {
            if (!Files.isRegularFile(e.getValue())) {
                throw new IOException("no stored OpenAPI document for " + e.getKey() + " at " + e.getValue()
                        + " (build that module first)");
            }
            documents.put(e.getKey(), MAPPER.readTree(e.getValue().toFile()));
        }
        return OpenApiMerger.merge(settings, documents);
    }
}
