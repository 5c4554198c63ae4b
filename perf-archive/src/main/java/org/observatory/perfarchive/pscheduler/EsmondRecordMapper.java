package org.observatory.perfarchive.pscheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.observatory.common.problem.ProblemException;
import org.observatory.perfarchive.metadata.HostAddresses;

/**
 * Turns a run into what pScheduler's esmond archiver would have written for it (read from its
 * {@code esmond_util.py}): the metadata with its event types and default summaries, and one data point at the
 * run's start. Host names are resolved: unless {@link #resolvesNames} says none is, call it off the event loop.
 */
public final class EsmondRecordMapper {

    private static final String DEFAULT_ERROR =
            "The test failed for an unspecified reason. See the server logs of the testing host(s).";

    private EsmondRecordMapper() {
    }

    /** The test types with a mapping of their own; the others are stored as pscheduler-raw. */
    public static boolean mapped(String testType) {
        return mapping(testType) != null;
    }

    /** The record as mapped for the run's test type (raw for unknown types). */
    public static EsmondRecord map(RunDocument run, String observer) {
        TestTypeMapping mapping = mapping(run.testType());
        return build(run, observer, mapping != null ? mapping : new RawMapping(run.testType()));
    }

    /** The record as the raw fallback: what is left when a known type's result cannot be mapped. */
    public static EsmondRecord raw(RunDocument run, String observer) {
        return build(run, observer, new RawMapping(run.testType()));
    }

    /**
     * Whether mapping the run would ask a name server: some host it names (lead, observer, the spec's source or
     * destination) is not an IP address. Runs of a mesh configured by address map without blocking.
     */
    public static boolean resolvesNames(RunDocument run, String observer) {
        TestTypeMapping mapping = mapping(run.testType());
        RawMapping raw = new RawMapping(run.testType());
        // A known type whose result cannot be mapped falls back to the raw mapping: its hosts count too.
        return Stream.concat(hosts(run, observer, mapping != null ? mapping : raw).named(), hosts(run, observer, raw).named())
                .map(String::trim).anyMatch(host -> !HostAddresses.isLiteral(host));
    }

    /** The hosts a run names under a mapping: the input source, the destination (null if none) and the agent. */
    private record Hosts(String inputSource, String destination, String agent) {
        Stream<String> named() {
            return Stream.of(inputSource, destination, agent).filter(Objects::nonNull);
        }
    }

    private static Hosts hosts(RunDocument run, String observer, TestTypeMapping mapping) {
        JsonNode spec = run.spec();
        String lead = run.lead();
        String inputSource = mapping.sourceField() != null && spec.hasNonNull(mapping.sourceField())
                ? spec.get(mapping.sourceField()).asText() : lead;
        JsonNode dest = mapping.destinationField() == null ? null : spec.get(mapping.destinationField());
        // The esmond archives of perfSONAR's meshes named the scheduling host; x-ps-observer is that host.
        return new Hosts(inputSource, dest == null || dest.isNull() ? null : dest.asText(), observer != null ? observer : lead);
    }

    private static TestTypeMapping mapping(String testType) {
        return switch (testType) {
            case "throughput" -> new ThroughputMapping();
            case "latency", "latencybg" -> new LatencyMapping();
            case "rtt" -> new RttMapping();
            case "trace" -> new TraceMapping();
            default -> null;
        };
    }

    private static EsmondRecord build(RunDocument run, String observer, TestTypeMapping mapping) {
        ObjectNode spec = run.spec();
        ObjectNode metadata = EsmondValues.NODES.objectNode();
        ArrayNode eventTypes = metadata.putArray("event-types");
        metadata.put("pscheduler-test-type", run.testType());
        subject(run, observer, mapping, metadata);
        metadata.put("tool-name", "pscheduler/" + run.toolName());
        metadata.put("time-duration", run.durationSeconds());
        for (String eventType : mapping.eventTypes(spec)) {
            addEventType(eventTypes, eventType);
        }
        if (run.runHref() != null) {
            addEventType(eventTypes, "pscheduler-run-href");
        }
        mapping.metadataFields().forEach((field, name) -> {
            if (spec.has(field)) {
                metadata.set(name, spec.get(field));
            }
        });
        mapping.addMetadata(spec, metadata);
        JsonNode reference = run.reference();
        if (reference != null && reference.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = reference.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!field.getKey().startsWith("_")) {
                    flatten(metadata, "pscheduler-reference-" + field.getKey(), field.getValue());
                }
            }
        }

        JsonNode result = run.result() == null || run.result().isNull() ? EsmondValues.NODES.objectNode() : run.result();
        if (!result.isObject()) {
            throw ProblemException.invalidField("result", "must be an object (or null)");
        }
        ArrayNode values = EsmondValues.NODES.arrayNode();
        if (EsmondValues.truthy(result.get("succeeded"))) {
            mapping.dataFields().forEach((field, eventType) -> {
                JsonNode v = result.get(field);
                // esmond refuses empty objects; null would fail the whole PUT: both are left out.
                if (v != null && !v.isNull() && !(v.isObject() && v.isEmpty())) {
                    EsmondValues.add(values, eventType, v);
                }
            });
            mapping.addData(spec, result, values);
        } else {
            ObjectNode failure = EsmondValues.NODES.objectNode();
            if (EsmondValues.truthy(result.get("error"))) {
                failure.set("error", result.get("error"));
            } else {
                failure.put("error", DEFAULT_ERROR);
            }
            EsmondValues.add(values, "failures", failure);
        }
        if (run.runHref() != null) {
            EsmondValues.add(values, "pscheduler-run-href", EsmondValues.NODES.objectNode().put("href", run.runHref()));
        }
        return new EsmondRecord(metadata, run.startSeconds(), values);
    }

    /** source, destination, input-*, measurement-agent and subject-type, as the archiver's parse_addresses. */
    private static void subject(RunDocument run, String observer, TestTypeMapping mapping, ObjectNode metadata) {
        JsonNode spec = run.spec();
        Integer ipVersion = spec.path("ip-version").isInt() ? spec.get("ip-version").intValue() : null;
        Hosts hosts = hosts(run, observer, mapping);
        String source;
        if (mapping.destinationField() != null) {
            if (hosts.destination() == null) {
                throw new IllegalArgumentException("test.spec." + mapping.destinationField() + " is missing");
            }
            metadata.put("subject-type", "point-to-point");
            metadata.put("input-destination", hosts.destination());
            List<String> pair = HostPair.sameVersion(hosts.inputSource(), hosts.destination(), ipVersion);
            source = pair.get(0);
            metadata.put("destination", pair.get(1));
        } else {
            metadata.put("subject-type", "network-element");
            source = HostPair.sameVersion(hosts.inputSource(), hosts.inputSource(), ipVersion).get(0);
        }
        metadata.put("source", source);
        metadata.put("input-source", hosts.inputSource());
        metadata.put("measurement-agent", HostPair.sameVersion(source, hosts.agent(), null).get(1));
    }

    private static void addEventType(ArrayNode eventTypes, String eventType) {
        ObjectNode et = eventTypes.addObject().put("event-type", eventType);
        List<String> summaries = DefaultSummaries.BY_EVENT_TYPE.get(eventType);
        if (summaries != null) {
            ArrayNode list = et.putArray("summaries");
            for (String s : summaries) {
                String[] parts = s.split(":");
                list.addObject().put("event-type", eventType).put("summary-type", parts[0])
                        .put("summary-window", Long.parseLong(parts[1]));
            }
        }
    }

    /** The archiver's parse_metadata_field: lists as key-0, key-1..., objects as key-sub (no _private), else the value. */
    static void flatten(ObjectNode metadata, String key, JsonNode value) {
        if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                metadata.set(key + "-" + i, value.get(i));
            }
        } else if (value.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!field.getKey().startsWith("_")) {
                    flatten(metadata, key + "-" + field.getKey(), field.getValue());
                }
            }
        } else {
            metadata.set(key, value);
        }
    }
}
