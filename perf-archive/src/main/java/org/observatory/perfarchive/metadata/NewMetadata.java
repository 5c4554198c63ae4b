package org.observatory.perfarchive.metadata;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;

/**
 * A validated metadata POST: the subject, its free-form parameters and the declared series (each event type
 * has its base series plus the summaries the client asked for).
 */
public record NewMetadata(String subjectType, String source, String destination, String measurementAgent,
                          String toolName, String inputSource, String inputDestination,
                          SortedMap<String, String> parameters, SortedSet<SeriesSpec> series) {

    /** SHA-256 of the canonical form: two POSTs of the same test give the same checksum, in any field order. */
    public String checksum() {
        StringBuilder canonical = new StringBuilder();
        field(canonical, "subject-type", subjectType);
        field(canonical, "source", source);
        field(canonical, "destination", destination);
        field(canonical, "measurement-agent", measurementAgent);
        field(canonical, "tool-name", toolName);
        field(canonical, "input-source", inputSource);
        field(canonical, "input-destination", inputDestination);
        for (Map.Entry<String, String> p : parameters.entrySet()) {
            field(canonical, "p:" + p.getKey(), p.getValue());
        }
        for (SeriesSpec s : series) {
            field(canonical, "s:" + s.eventType(), s.summaryType().json() + "/" + s.window());
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void field(StringBuilder out, String name, String value) {
        // Length-prefixed so that no value can imitate a field boundary.
        String v = value == null ? "\u0000" : value;
        out.append(name.length()).append(':').append(name).append('=').append(v.length()).append(':').append(v).append('\n');
    }
}
