package org.observatory.perfarchive.esmond;

import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.observatory.common.paging.PageRequest;
import org.observatory.perfarchive.common.TimeRange;

/**
 * The documented parameters of a metadata search. Subject fields and free-form parameters are matched by name
 * from the whole query (any name is a filter), so the subject fields here only document them.
 */
public class MetadataQuery {

    static final int DEFAULT_LIMIT = 1000;
    static final int MAX_LIMIT = 10_000;

    @QueryParam("source")
    @Parameter(description = "Source address or host name (resolved by dns-match-rule)", schema = @Schema(type = SchemaType.STRING))
    String source;

    @QueryParam("destination")
    @Parameter(description = "Destination address or host name (resolved by dns-match-rule)", schema = @Schema(type = SchemaType.STRING))
    String destination;

    @QueryParam("measurement-agent")
    @Parameter(description = "Address of the measuring host", schema = @Schema(type = SchemaType.STRING))
    String measurementAgent;

    @QueryParam("input-source")
    @Parameter(description = "The source as the test named it", schema = @Schema(type = SchemaType.STRING))
    String inputSource;

    @QueryParam("input-destination")
    @Parameter(description = "The destination as the test named it", schema = @Schema(type = SchemaType.STRING))
    String inputDestination;

    @QueryParam("tool-name")
    @Parameter(description = "The measuring tool, e.g. pscheduler/iperf3", schema = @Schema(type = SchemaType.STRING))
    String toolName;

    @QueryParam("subject-type")
    @Parameter(description = "The kind of subject", schema = @Schema(enumeration = {"point-to-point", "network-element"}))
    String subjectType;

    @QueryParam("metadata-key")
    @Parameter(description = "One metadata key", schema = @Schema(type = SchemaType.STRING))
    String metadataKey;

    @QueryParam("event-type")
    @Parameter(description = "Only metadata with this event type, e.g. throughput", schema = @Schema(type = SchemaType.STRING))
    String eventType;

    @QueryParam("summary-type")
    @Parameter(description = "Only metadata with a summary of this type", schema = @Schema(enumeration = {"base", "aggregation", "average", "statistics"}))
    String summaryType;

    @QueryParam("summary-window")
    @Parameter(description = "Only metadata with a summary of this window (seconds)", schema = @Schema(type = SchemaType.INTEGER, minimum = "0"))
    String summaryWindow;

    @QueryParam("dns-match-rule")
    @Parameter(description = "How host names in source and destination resolve to addresses", schema = @Schema(enumeration = {"v4v6", "only-v4", "only-v6", "prefer-v4", "prefer-v6"}, defaultValue = "v4v6"))
    String dnsMatchRule;

    @QueryParam("time")
    @Parameter(description = "Only this instant (UNIX seconds of an event type's last update)", schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0"))
    String time;

    @QueryParam("time-start")
    @Parameter(description = "From this instant on (UNIX seconds of an event type's last update, inclusive)", schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0"))
    String timeStart;

    @QueryParam("time-end")
    @Parameter(description = "Up to this instant (UNIX seconds of an event type's last update, inclusive)", schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0"))
    String timeEnd;

    @QueryParam("time-range")
    @Parameter(description = "Last update within these seconds back from time-end (or now)", schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0"))
    String timeRange;

    @QueryParam("limit")
    @Parameter(description = "Page size in metadata", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "1000", minimum = "1", maximum = "10000"))
    String limit;

    @QueryParam("offset")
    @Parameter(description = "Metadata to skip", schema = @Schema(type = SchemaType.INTEGER, format = "int64", defaultValue = "0", minimum = "0"))
    String offset;

    TimeRange updated() {
        return TimeRange.of(time, timeStart, timeEnd, timeRange);
    }

    PageRequest page() {
        return Paging.page(limit, offset, DEFAULT_LIMIT, MAX_LIMIT);
    }
}
