package org.observatory.perfarchive.esmond;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * esmond's JSON shapes, for the OpenAPI document only. The archive writes them as ordered maps (esmond's key
 * order, free-form metadata parameters among the fixed keys), so these records describe the wire, they are
 * not serialised themselves.
 */
public final class ArchiveSchemas {

    private ArchiveSchemas() {
    }

    /** A metadata as esmond answers it. Free-form parameters appear as further string members. */
    @Schema(name = "EsmondMetadata", additionalProperties = Schema.True.class,
            description = "A measurement's metadata: its subject flattened, free-form parameters (time-duration,"
                    + " ip-transport-protocol, ...) as further members, and its event types with their summaries")
    public record Metadata(
            @Schema(required = true, description = "Absolute URL of the metadata", format = "uri") String url,
            @Schema(required = true, description = "Path of the metadata", example = "/esmond/perfsonar/archive/0CB19291FB6D40EAA1955376772BF5D2/")
            String uri,
            @JsonProperty("metadata-key") @Schema(required = true, description = "The metadata's key",
                    example = "0CB19291FB6D40EAA1955376772BF5D2") String metadataKey,
            @JsonProperty("subject-type") @Schema(required = true, enumeration = {"point-to-point", "network-element"})
            String subjectType,
            @Schema(required = true, description = "Source address", example = "192.0.2.10") String source,
            @Schema(description = "Destination address (point-to-point only)", example = "198.51.100.20") String destination,
            @JsonProperty("measurement-agent") @Schema(description = "Address of the host that measured") String measurementAgent,
            @JsonProperty("tool-name") @Schema(description = "The measuring tool", example = "pscheduler/iperf3") String toolName,
            @JsonProperty("input-source") @Schema(description = "The source as the test named it") String inputSource,
            @JsonProperty("input-destination") @Schema(description = "The destination as the test named it") String inputDestination,
            @JsonProperty("event-types") @Schema(required = true) List<EventType> eventTypes,
            @JsonProperty("metadata-count-total") @Schema(description = "First element of a search only: how many metadata match")
            Long metadataCountTotal,
            @JsonProperty("metadata-previous-page") @Schema(description = "First element of a search only: path of the previous page, or null")
            String metadataPreviousPage,
            @JsonProperty("metadata-next-page") @Schema(description = "First element of a search only: path of the next page, or null")
            String metadataNextPage) {
    }

    /** An event type of a metadata with its summaries. */
    @Schema(name = "EsmondEventType")
    public record EventType(
            @JsonProperty("event-type") @Schema(required = true, example = "throughput") String eventType,
            @JsonProperty("base-uri") @Schema(required = true, description = "Path of the raw points") String baseUri,
            @JsonProperty("time-updated") @Schema(description = "UNIX seconds of the last point written, or null",
                    format = "int64") Long timeUpdated,
            @Schema(required = true) List<Summary> summaries) {
    }

    /** One summary of an event type. */
    @Schema(name = "EsmondSummary")
    public record Summary(
            @JsonProperty("summary-type") @Schema(required = true, enumeration = {"aggregation", "average", "statistics"})
            String summaryType,
            @JsonProperty("summary-window") @Schema(required = true, description = "Window in seconds, as a string; 0 is per point",
                    example = "3600") String summaryWindow,
            @JsonProperty("time-updated") @Schema(description = "UNIX seconds of the last update, or null", format = "int64")
            Long timeUpdated,
            @Schema(required = true, description = "Path of the summary's points") String uri) {
    }

    /** A metadata to create, as pScheduler's esmond archiver and esmond's client post it. */
    @Schema(name = "EsmondNewMetadata", additionalProperties = Schema.True.class,
            description = "The subject, free-form parameters as further members, and the event types with the summaries"
                    + " to keep (never defaulted by the archive)")
    public record NewMetadata(
            @JsonProperty("subject-type") @Schema(required = true, enumeration = {"point-to-point", "network-element"})
            String subjectType,
            @Schema(required = true, description = "Source address", example = "192.0.2.10") String source,
            @Schema(description = "Destination address; required for point-to-point", example = "198.51.100.20") String destination,
            @JsonProperty("measurement-agent") @Schema(description = "Address of the host that measured", example = "192.0.2.10")
            String measurementAgent,
            @JsonProperty("tool-name") @Schema(description = "The measuring tool", example = "pscheduler/iperf3") String toolName,
            @JsonProperty("input-source") @Schema(description = "The source as the test named it", example = "host-a.example.org")
            String inputSource,
            @JsonProperty("input-destination") @Schema(description = "The destination as the test named it", example = "host-b.example.org")
            String inputDestination,
            @JsonProperty("event-types") @Schema(required = true) List<NewEventType> eventTypes) {
    }

    /** An event type to declare, with its summaries. */
    @Schema(name = "EsmondNewEventType")
    public record NewEventType(
            @JsonProperty("event-type") @Schema(required = true, example = "throughput") String eventType,
            List<NewSummary> summaries) {
    }

    /** A summary to keep: integer and float types allow aggregation and average, histograms aggregation and statistics. */
    @Schema(name = "EsmondNewSummary")
    public record NewSummary(
            @JsonProperty("summary-type") @Schema(required = true, enumeration = {"aggregation", "average", "statistics"})
            String summaryType,
            @JsonProperty("summary-window") @Schema(required = true, type = SchemaType.STRING,
                    description = "Window in seconds (a string or a number); 0 is per point", example = "86400") String summaryWindow,
            @JsonProperty("event-type") @Schema(description = "pScheduler repeats the event type here; ignored") String eventType) {
    }

    /** One point of a series: raw or summarised. */
    @Schema(name = "EsmondPoint", description = "One point: for a summary, ts is the start of its window")
    public record Point(
            @Schema(required = true, description = "UNIX seconds", format = "int64", example = "1700000000") long ts,
            @Schema(required = true, description = "The value: a number (integer, float; a percentage is written"
                    + " {numerator, denominator} and read as a number), a histogram {bucket: count}, statistics,"
                    + " a list of subintervals [{start, duration, val}], or any JSON for the json event types") Object val) {
    }

    /** A bulk write: points of several event types at once. */
    @Schema(name = "EsmondBulkData", description = "Points of several event types; types the metadata never declared are stored without summaries")
    public record BulkData(@Schema(required = true) List<BulkPoint> data) {
    }

    /** The values of one timestamp in a bulk write. */
    @Schema(name = "EsmondBulkPoint")
    public record BulkPoint(
            @Schema(required = true, description = "UNIX seconds", format = "int64", example = "1700000000") long ts,
            @Schema(required = true) List<BulkValue> val) {
    }

    /** One event type's value in a bulk write. */
    @Schema(name = "EsmondBulkValue")
    public record BulkValue(
            @JsonProperty("event-type") @Schema(required = true, example = "throughput") String eventType,
            @Schema(required = true, description = "The value, as for a single point") Object val) {
    }

    /** The answer to a write. */
    @Schema(name = "EsmondStored", description = "How many points were stored")
    public record Stored(@Schema(required = true, example = "3") int stored) {
    }
}
