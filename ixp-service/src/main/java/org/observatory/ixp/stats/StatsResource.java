package org.observatory.ixp.stats;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.observatory.common.csv.CsvWriter;
import org.observatory.common.paging.PageRequest;
import org.observatory.ixp.imports.ImportService;

/** HTTP for the monthly statistics: parse and check the request, read or recompute, answer JSON or CSV. */
@Path("/ixp/stats")
@Tag(name = "Statistics", description = "Monthly statistics per IXP and per country, as of the 1st of each month")
public class StatsResource {

    private final StatsStore stats;
    private final ImportService imports;

    public StatsResource(StatsStore stats, ImportService imports) {
        this.stats = stats;
        this.imports = imports;
    }

    @GET
    @Path("/ixps")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @Operation(operationId = "listIxpStatistics", summary = "Statistics per IXP", description = "For one month (month=YYYY-MM) or a range (from, to);"
            + " optionally one IXP or one country. JSON, or CSV with format=csv or Accept: text/csv.")
    @APIResponse(responseCode = "200", description = "Rows ordered by month and IXP", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = IxpMonthlyStats.class)),
            @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING,
                    description = "The same rows as CSV with a header line of snake_case column names"))})
    @APIResponse(responseCode = "400", description = "A bad month, range, filter or page")
    public Uni<Response> ixps(@BeanParam StatsListParams params,
            @QueryParam("ixp") @Parameter(description = "Only this IXP (its PeeringDB id)", example = "31") Long ixp) {
        List<LocalDate> months = params.months();
        boolean csv = params.csv();
        PageRequest page = params.page();
        return stats.ixps(months, ixp, params.country(), page).map(rows -> {
            if (!csv) {
                return Response.ok(rows, MediaType.APPLICATION_JSON).build();
            }
            CsvWriter out = new CsvWriter(IxpMonthlyStats.CSV_HEADER);
            rows.forEach(r -> out.row(r.csvRow()));
            return Response.ok(out.toString(), "text/csv").build();
        });
    }

    @GET
    @Path("/countries")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @Operation(operationId = "listCountryStatistics", summary = "Statistics per country", description = "Over each country's active IXPs, for one month"
            + " or a range; optionally one country. JSON, or CSV with format=csv or Accept: text/csv.")
    @APIResponse(responseCode = "200", description = "Rows ordered by month and country", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = CountryMonthlyStats.class)),
            @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING,
                    description = "The same rows as CSV with a header line of snake_case column names"))})
    @APIResponse(responseCode = "400", description = "A bad month, range, filter or page")
    public Uni<Response> countries(@BeanParam StatsListParams params) {
        List<LocalDate> months = params.months();
        boolean csv = params.csv();
        PageRequest page = params.page();
        return stats.countries(months, params.country(), page).map(rows -> {
            if (!csv) {
                return Response.ok(rows, MediaType.APPLICATION_JSON).build();
            }
            CsvWriter out = new CsvWriter(CountryMonthlyStats.CSV_HEADER);
            rows.forEach(r -> out.row(r.csvRow()));
            return Response.ok(out.toString(), "text/csv").build();
        });
    }

    @POST
    @Path("/generate")
    @RolesAllowed("ixp:admin")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "generateIxpStatistics", summary = "Recompute statistics", description = "From the stored history, for one month or a range.")
    @APIResponse(responseCode = "200", description = "How many months were computed")
    @APIResponse(responseCode = "400", description = "A bad month or range")
    @APIResponse(responseCode = "409", description = "An import is running")
    public Uni<GeneratedMonths> generate(@BeanParam MonthRangeParams range) {
        List<LocalDate> months = range.months();
        return imports.generateStatistics(months).map(n -> new GeneratedMonths(n,
                months.get(0).toString().substring(0, 7), months.get(months.size() - 1).toString().substring(0, 7)));
    }

    /** The answer of a recomputation: how many months, from which to which. */
    @Schema(description = "How many months of statistics were computed")
    public record GeneratedMonths(@Schema(description = "Months computed") int months,
            @Schema(description = "First month, YYYY-MM", example = "2023-01") String from,
            @Schema(description = "Last month, YYYY-MM", example = "2023-12") String to) {
    }
}
