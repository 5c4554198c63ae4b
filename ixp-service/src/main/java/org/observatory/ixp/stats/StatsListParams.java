package org.observatory.ixp.stats;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.observatory.common.paging.PageRequest;
import org.observatory.ixp.common.Params;

/** What the statistics listings (per IXP, per country) share: the months, a country, the format and the page. */
public class StatsListParams extends MonthRangeParams {

    @QueryParam("country")
    @Parameter(description = "Only this country (ISO 3166 alpha-2, any case)", example = "DE",
            schema = @Schema(pattern = "^[A-Za-z]{2}$"))
    String country;

    @QueryParam("format")
    @Parameter(description = "json (the default) or csv; Accept: text/csv also asks for CSV",
            schema = @Schema(enumeration = {"json", "csv"}))
    String format;

    @QueryParam("limit")
    @Parameter(description = "Page size in rows", schema = @Schema(defaultValue = "10000", minimum = "1", maximum = "100000"))
    Integer limit;

    @QueryParam("offset")
    @Parameter(description = "Rows to skip", schema = @Schema(defaultValue = "0", minimum = "0"))
    Long offset;

    @HeaderParam(HttpHeaders.ACCEPT)
    @Parameter(hidden = true)
    String accept;

    /** The country filter, upper-cased, or null; not an ISO code is a 400. */
    String country() {
        return Params.country(country);
    }

    /** True when CSV was asked for, by format=csv or by Accept. */
    boolean csv() {
        return Params.wantsCsv(format, accept);
    }

    PageRequest page() {
        return PageRequest.of(limit, offset, 10_000, 100_000);
    }
}
