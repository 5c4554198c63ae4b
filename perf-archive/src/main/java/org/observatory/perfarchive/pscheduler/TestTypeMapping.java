package org.observatory.perfarchive.pscheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * How pScheduler's esmond archiver turns one test type into esmond: the spec fields that name the subject,
 * the event types it declares, the spec fields it copies into metadata, and the result fields it stores.
 */
interface TestTypeMapping {

    /** Spec field of the destination, or null for a network-element subject. */
    default String destinationField() {
        return "dest";
    }

    /** Spec field of the source, or null to take the lead participant. */
    default String sourceField() {
        return "source";
    }

    List<String> eventTypes(JsonNode spec);

    /** Spec field -> metadata parameter, copied as they are. */
    default Map<String, String> metadataFields() {
        return Map.of();
    }

    default void addMetadata(JsonNode spec, ObjectNode metadata) {
    }

    /** Result field -> event type, stored as they are when present. */
    default Map<String, String> dataFields() {
        return Map.of();
    }

    default void addData(JsonNode spec, JsonNode result, ArrayNode values) {
    }
}
