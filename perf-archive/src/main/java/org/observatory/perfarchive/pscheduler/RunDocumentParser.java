package org.observatory.perfarchive.pscheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.observatory.common.problem.ProblemException;

/** Checks that a body is a pScheduler run result and names the first thing missing when it is not. */
public final class RunDocumentParser {

    private RunDocumentParser() {
    }

    public static RunDocument parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ProblemException.badRequest("A pScheduler result must be a JSON object (the run's result document)");
        }
        String id = text(body, "id");
        try {
            UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("id", "must be the run's uuid");
        }
        JsonNode test = object(body, "test");
        String testType = text(test, "type", "test.type");
        JsonNode specNode = test.get("spec");
        if (specNode == null || !specNode.isObject()) {
            throw ProblemException.invalidField("test.spec", "is required (an object)");
        }
        String tool = text(object(body, "tool"), "name", "tool.name");
        JsonNode participantsNode = body.get("participants");
        if (participantsNode == null || !participantsNode.isArray() || participantsNode.isEmpty()) {
            throw ProblemException.invalidField("participants", "is required (a non-empty list)");
        }
        List<String> participants = new ArrayList<>();
        for (JsonNode p : participantsNode) {
            participants.add(p.isTextual() ? p.textValue() : null);
        }
        // The archiver daemon puts its own host for a null participant: the lead is always named.
        if (participants.get(0) == null || participants.get(0).isBlank()) {
            throw ProblemException.invalidField("participants[0]", "must name the lead participant");
        }
        JsonNode schedule = object(body, "schedule");
        long start;
        try {
            start = OffsetDateTime.parse(text(schedule, "start", "schedule.start")).toEpochSecond();
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField("schedule.start", "must be an ISO 8601 date and time with offset");
        }
        double duration = IsoDurations.seconds(text(schedule, "duration", "schedule.duration"), "schedule.duration");
        if (!body.has("result")) {
            throw ProblemException.invalidField("result", "is required (the run's result, null for none)");
        }
        JsonNode run = body.get("run");
        JsonNode task = body.get("task");
        String runHref = run != null && run.path("href").isTextual() ? run.get("href").textValue() : null;
        String taskHref = task != null && task.path("href").isTextual() ? task.get("href").textValue()
                : run != null && run.path("task-href").isTextual() ? run.get("task-href").textValue() : null;
        return new RunDocument(id, testType, (ObjectNode) specNode, tool, participants, start, duration,
                body.get("result"), body.get("reference"), runHref, taskHref, (ObjectNode) body);
    }

    private static JsonNode object(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isObject()) {
            throw ProblemException.invalidField(field, "is required (an object)");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        return text(node, field, field);
    }

    private static String text(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.textValue().isBlank()) {
            throw ProblemException.invalidField(path, "is required (a string)");
        }
        return value.textValue();
    }
}
