package org.observatory.perfarchive.metadata;

import java.util.List;
import java.util.Map;

/** A stored metadata with its parameters and series. */
public record Metadata(long id, String key, String subjectType, String source, String destination,
                       String measurementAgent, String toolName, String inputSource, String inputDestination,
                       Map<String, String> parameters, List<Series> series) {
}
