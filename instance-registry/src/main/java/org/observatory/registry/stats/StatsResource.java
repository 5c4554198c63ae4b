package org.observatory.registry.stats;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.observatory.common.csv.CsvWriter;
import org.observatory.common.problem.ProblemException;
import org.observatory.registry.fields.FieldSetting;
import org.observatory.registry.fields.FieldSettings;

/**
 * Statistics for maps and charts, as JSON or CSV ({@code ?format=csv} or {@code Accept: text/csv}).
 * They count enabled instances; registrations per day count every registration.
 */
@Path("/registry/stats")
@Tag(name = "Statistics", description = "Instances per country, registrations per day, one series per charted field")
@Produces({MediaType.APPLICATION_JSON, "text/csv"})
public class StatsResource {

    private static final String CSV = "text/csv";

    private final StatsStore queries;
    private final FieldSettings settings;
    private final FieldSeriesCalculator calculator;

    public StatsResource(StatsStore queries, FieldSettings settings) {
        this.queries = queries;
        this.settings = settings;
        this.calculator = new FieldSeriesCalculator(settings);
    }

    @GET
    @Path("/countries")
    @Operation(operationId = "countInstancesPerCountry", summary = "Enabled instances per country, with coordinates for a map")
    @APIResponse(responseCode = "200", description = "Countries, most instances first", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = Statistics.CountryCount.class)),
            @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING, description = "The same as CSV with a header line"))})
    @APIResponse(responseCode = "400", description = "format is neither json nor csv")
    public Uni<Response> countries(@QueryParam("format") @Parameter(description = "json (the default) or csv; Accept: text/csv also asks for CSV",
            schema = @Schema(enumeration = {"json", "csv"})) String format, HttpHeaders headers) {
        return queries.countries().map(rows -> answer(format, headers, rows, list -> {
            CsvWriter csv = new CsvWriter(List.of("country_code", "country_name", "latitude", "longitude", "instances"));
            list.forEach(c -> csv.row(List.of(c.countryCode(), nullable(c.countryName()), nullable(c.latitude()),
                    nullable(c.longitude()), c.instances())));
            return csv.toString();
        }));
    }

    @GET
    @Path("/registrations")
    @Operation(operationId = "countRegistrationsPerDay", summary = "Registrations per day (UTC), with the cumulative count")
    @APIResponse(responseCode = "200", description = "Days with registrations, oldest first", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = Statistics.RegistrationDay.class)),
            @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING, description = "The same as CSV with a header line"))})
    @APIResponse(responseCode = "400", description = "format is neither json nor csv")
    public Uni<Response> registrations(@QueryParam("format") @Parameter(description = "json (the default) or csv; Accept: text/csv also asks for CSV",
            schema = @Schema(enumeration = {"json", "csv"})) String format, HttpHeaders headers) {
        return queries.registrations().map(rows -> answer(format, headers, rows, list -> {
            CsvWriter csv = new CsvWriter(List.of("day", "registrations", "cumulative"));
            list.forEach(d -> csv.row(List.of(d.day(), d.registrations(), d.cumulative())));
            return csv.toString();
        }));
    }

    @GET
    @Path("/fields")
    @Operation(operationId = "listFieldSeries", summary = "One series per charted field", description = "As configured per field: chart type, "
            + "aggregation of list/object values, chart aggregation (count, sum, avg, min, max) and its group.")
    @APIResponse(responseCode = "200", description = "The series", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = Statistics.FieldSeries.class)),
            @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING, description = "The same as CSV with a header line"))})
    @APIResponse(responseCode = "400", description = "format is neither json nor csv")
    public Uni<Response> fields(@QueryParam("format") @Parameter(description = "json (the default) or csv; Accept: text/csv also asks for CSV",
            schema = @Schema(enumeration = {"json", "csv"})) String format, HttpHeaders headers) {
        return queries.enabledFields()
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(calculator::all)
                .map(series -> answer(format, headers, series, StatsResource::seriesCsv));
    }

    @GET
    @Path("/fields/{field}")
    @Operation(operationId = "getFieldSeries", summary = "The series of one charted field")
    @APIResponse(responseCode = "200", description = "The series", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Statistics.FieldSeries.class)),
            @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING, description = "The same as CSV with a header line"))})
    @APIResponse(responseCode = "400", description = "format is neither json nor csv")
    @APIResponse(responseCode = "404", description = "The field is not charted")
    public Uni<Response> field(@PathParam("field") @Parameter(description = "The name of a charted field", example = "python_version")
            String field, @QueryParam("format") @Parameter(description = "json (the default) or csv; Accept: text/csv also asks for CSV",
            schema = @Schema(enumeration = {"json", "csv"})) String format, HttpHeaders headers) {
        FieldSetting setting = settings.charted().stream().filter(s -> s.name().equals(field)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("Field " + field + " is not charted"));
        return queries.enabledFields()
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(instances -> calculator.series(setting, instances))
                .map(series -> answer(format, headers, series, one -> seriesCsv(List.of(one))));
    }

    private static String seriesCsv(List<Statistics.FieldSeries> series) {
        CsvWriter csv = new CsvWriter(List.of("field", "label", "chart_type", "chart_aggregation", "aggregate_by", "key", "value"));
        for (Statistics.FieldSeries s : series) {
            for (Statistics.Point point : s.points()) {
                csv.row(List.of(s.field(), s.label(), s.chartType(), s.chartAggregation(), nullable(s.aggregateBy()),
                        point.key(), number(point.value())));
            }
        }
        return csv.toString();
    }

    private static <T> Response answer(String format, HttpHeaders headers, T body, Function<T, String> csv) {
        if (wantsCsv(format, headers)) {
            return Response.ok(csv.apply(body), CSV + "; charset=utf-8").build();
        }
        return Response.ok(body, MediaType.APPLICATION_JSON).build();
    }

    private static boolean wantsCsv(String format, HttpHeaders headers) {
        if (format != null) {
            return switch (format) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw ProblemException.invalidField("format", "must be json or csv");
            };
        }
        List<MediaType> accepted = new ArrayList<>(headers.getAcceptableMediaTypes());
        return !accepted.isEmpty() && accepted.get(0).isCompatible(MediaType.valueOf(CSV)) && !accepted.get(0).isWildcardType();
    }

    private static Object nullable(Object value) {
        return value == null ? "" : value;
    }

    private static String number(double value) {
        return value == Math.rint(value) && !Double.isInfinite(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
