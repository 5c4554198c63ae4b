package org.observatory.perfarchive.esmond;

import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.observatory.common.paging.PageRequest;
import org.observatory.perfarchive.common.TimeRange;
import org.observatory.perfarchive.data.DataReadService;

/**
 * The query of a read of points, raw or summarised: esmond's time filters and a page. Kept as text and parsed
 * here, so that a malformed number is a 400 naming its parameter rather than the REST layer's 404.
 */
public class PointQuery {

    @QueryParam("time")
    @Parameter(description = "Only this instant (UNIX seconds)", schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0"))
    String time;

    @QueryParam("time-start")
    @Parameter(description = "From this instant on (UNIX seconds, inclusive)", schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0"))
    String timeStart;

    @QueryParam("time-end")
    @Parameter(description = "Up to this instant (UNIX seconds, inclusive)", schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0"))
    String timeEnd;

    @QueryParam("time-range")
    @Parameter(description = "Seconds back from time-end (or now)", schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0"))
    String timeRange;

    @QueryParam("limit")
    @Parameter(description = "Page size in points", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "1000", minimum = "1", maximum = "100000"))
    String limit;

    @QueryParam("offset")
    @Parameter(description = "Points to skip; esmond clients page with time-start = last ts + 1 instead", schema = @Schema(type = SchemaType.INTEGER, format = "int64", defaultValue = "0", minimum = "0"))
    String offset;

    TimeRange range() {
        return TimeRange.of(time, timeStart, timeEnd, timeRange);
    }

    PageRequest page() {
        return Paging.page(limit, offset, DataReadService.DEFAULT_LIMIT, DataReadService.MAX_LIMIT);
    }
}
