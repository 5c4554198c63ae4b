package org.observatory.ixp.stats;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.observatory.common.csv.CsvWriter;
import org.observatory.common.paging.PageRequest;
import org.observatory.ixp.common.Months;
import org.observatory.ixp.common.Params;
import org.observatory.ixp.imports.ImportService;

@Path("/ixp/stats")
@Tag(name = "Statistics", description = "Monthly statistics per IXP and per country, as of the 1st of each month")
public class StatsResource {

    @Inject
    StatsReader reader;

    @Inject
    ImportService imports;

    @GET
    @Path("/ixps")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @Operation(summary = "Statistics per IXP", description = "For one month (month=YYYY-MM) or a range (from, to);"
            + " optionally one IXP or one country. JSON, or CSV with format=csv or Accept: text/csv.")
    @APIResponse(responseCode = "200", description = "Rows ordered by month and IXP")
    @APIResponse(responseCode = "400", description = "A bad month, range, filter or page")
    public Uni<Response> ixps(@QueryParam("month") String month, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("ixp") Long ixp, @QueryParam("country") String country,
            @QueryParam("format") String format, @QueryParam("limit") Integer limit, @QueryParam("offset") Long offset,
            @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        List<LocalDate> months = Months.range(month, from, to);
        boolean csv = Params.wantsCsv(format, accept);
        PageRequest page = PageRequest.of(limit, offset, 10_000, 100_000);
        return reader.ixps(months, ixp, Params.country(country), page).map(rows -> {
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
    @Operation(summary = "Statistics per country", description = "Over each country's active IXPs, for one month"
            + " or a range; optionally one country. JSON, or CSV with format=csv or Accept: text/csv.")
    @APIResponse(responseCode = "200", description = "Rows ordered by month and country")
    @APIResponse(responseCode = "400", description = "A bad month, range, filter or page")
    public Uni<Response> countries(@QueryParam("month") String month, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("country") String country, @QueryParam("format") String format,
            @QueryParam("limit") Integer limit, @QueryParam("offset") Long offset,
            @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        List<LocalDate> months = Months.range(month, from, to);
        boolean csv = Params.wantsCsv(format, accept);
        PageRequest page = PageRequest.of(limit, offset, 10_000, 100_000);
        return reader.countries(months, Params.country(country), page).map(rows -> {
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
    @Operation(summary = "Recompute statistics", description = "From the stored history, for one month or a range.")
    @APIResponse(responseCode = "200", description = "How many months were computed")
    @APIResponse(responseCode = "409", description = "An import is running")
    public Uni<Map<String, Object>> generate(@QueryParam("month") String month, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        List<LocalDate> months = Months.range(month, from, to);
        return imports.generateStatistics(months).map(n -> Map.of("months", n,
                "from", months.get(0).toString().substring(0, 7),
                "to", months.get(months.size() - 1).toString().substring(0, 7)));
    }
}
