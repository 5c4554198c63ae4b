package org.observatory.perfarchive.pscheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The envelope of a result as pScheduler's {@code http} archiver posts it, checked: the run's uuid, the test,
 * the tool, the participants and the schedule. {@code result} is the test type's merged result (may be null
 * for a run that produced nothing); {@code document} is the whole body, kept as it came.
 */
public record RunDocument(String runId, String testType, ObjectNode spec, String toolName, List<String> participants,
                          long startSeconds, double durationSeconds, JsonNode result, JsonNode reference,
                          String runHref, String taskHref, ObjectNode document) {

    /** The lead participant: pScheduler lists it first. */
    public String lead() {
        return participants.get(0);
    }
}
