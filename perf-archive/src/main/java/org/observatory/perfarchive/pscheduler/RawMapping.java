package org.observatory.perfarchive.pscheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Every other test type (and a known one whose result cannot be mapped): a network-element subject of the lead
 * participant, the spec flattened into {@code pscheduler-<type>-<field>} parameters, the result as pscheduler-raw.
 */
final class RawMapping implements TestTypeMapping {

    private final String testType;

    RawMapping(String testType) {
        this.testType = testType;
    }

    @Override
    public String destinationField() {
        return null;
    }

    @Override
    public String sourceField() {
        return null;
    }

    @Override
    public List<String> eventTypes(JsonNode spec) {
        return List.of("pscheduler-raw");
    }

    @Override
    public void addMetadata(JsonNode spec, ObjectNode metadata) {
        for (Iterator<Map.Entry<String, JsonNode>> it = spec.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            EsmondRecordMapper.flatten(metadata, "pscheduler-" + testType + "-" + field.getKey(), field.getValue());
        }
    }

    @Override
    public void addData(JsonNode spec, JsonNode result, ArrayNode values) {
        EsmondValues.add(values, "pscheduler-raw", result);
    }
}
