package org.observatory.logingest.stats;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.observatory.common.csv.CsvWriter;
import org.observatory.common.paging.PageRequest;
import org.observatory.common.problem.ProblemException;

/** The statistics plugins' results, in JSON or CSV by {@code Accept} (anything else: 406). */
@Path("/stats")
@Tag(name = "Statistics", description = "Statistics plugins over the stored TX log events")
public class StatsResource {

    static final String CSV = "text/csv";
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 10_000;
    private static final List<String> LEADING = List.of("order", "start", "stop");
    private static final Instant END_OF_TIME = Instant.parse("9999-01-01T00:00:00Z");

    /** A plugin as listed. */
    public record PluginInfo(String name, String summary, String description, String period, String lookback,
                             List<String> columns) {
    }

    /** A page of a plugin's rows; each row has {@link #columns()} as keys. */
    public record StatsPage(String plugin, List<String> columns, long total, int limit, long offset,
                            @Schema(description = "One object per row with the columns as keys (order, start, stop, then the plugin's)")
                            List<Map<String, Object>> rows) {
    }

    private final StatsEngine engine;
    private final StatsStore store;

    public StatsResource(StatsEngine engine, StatsStore store) {
        this.engine = engine;
        this.store = store;
    }

    @GET
    @Path("/")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listStatisticsPlugins", summary = "List the statistics plugins")
    @APIResponse(responseCode = "200", description = "Plugins with their columns")
    public List<PluginInfo> list() {
        return engine.plugins().stream().map(StatsResource::info).toList();
    }

    @GET
    @Path("/")
    @Produces(CSV)
    @Operation(hidden = true)
    public String listCsv() {
        CsvWriter csv = new CsvWriter(List.of("name", "summary", "description", "period", "lookback", "columns"));
        list().forEach(p -> csv.row(List.of(p.name(), p.summary(), p.description(), p.period(), p.lookback(),
                String.join(" ", p.columns()))));
        return csv.toString();
    }

    @GET
    @Path("/{plugin}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listPluginRows", summary = "A plugin's results",
            description = "Rows of the periods that start in [from, to) (default: everything kept), oldest first, "
                    + "each with order (position over all pages), start, stop and the plugin's columns.")
    @APIResponse(responseCode = "200", description = "A page of rows")
    @APIResponse(responseCode = "400", description = "Bad time range (from must be before to) or paging")
    @APIResponse(responseCode = "404", description = "No such plugin")
    @APIResponse(responseCode = "406", description = "Accept is neither application/json nor text/csv")
    public Uni<StatsPage> rows(@PathParam("plugin") @Parameter(description = "The plugin's name, as listStatisticsPlugins names it", example = "top-stations") String name,
                               @QueryParam("from") @Parameter(description = "Periods that start at or after: an ISO date (2026-03-16) or instant (2026-03-16T00:00:00Z)", example = "2026-03-16") String from,
                               @QueryParam("to") @Parameter(description = "Periods that start before: an ISO date (2026-03-16) or instant (2026-03-16T00:00:00Z)", example = "2026-03-16") String to,
                               @QueryParam("limit") @Parameter(description = "Page size in rows",
                                       schema = @Schema(defaultValue = "100", minimum = "1", maximum = "10000")) Integer limit,
                               @QueryParam("offset") @Parameter(description = "Rows to skip",
                                       schema = @Schema(defaultValue = "0", minimum = "0")) Long offset) {
        StatsPlugin plugin = plugin(name);
        PageRequest page = PageRequest.of(limit, offset, DEFAULT_LIMIT, MAX_LIMIT);
        Instant start = from == null ? Instant.EPOCH : instant("from", from);
        Instant stop = to == null ? END_OF_TIME : instant("to", to);
        if (!start.isBefore(stop)) {
            throw ProblemException.invalidField("from", "must be before to");
        }
        List<String> columns = columns(plugin);
        return store.rows(plugin, start, stop, page.limit(), page.offset()).map(found -> {
            List<Map<String, Object>> rows = new ArrayList<>();
            long order = page.offset();
            for (StatsRow row : found.rows()) {
                Map<String, Object> values = new LinkedHashMap<>();
                values.put("order", order++);
                values.put("start", row.start());
                values.put("stop", row.stop());
                for (int col = 0; col < plugin.columns().size(); col++) {
                    values.put(plugin.columns().get(col), row.cells().get(col));
                }
                rows.add(values);
            }
            return new StatsPage(plugin.name(), columns, found.total(), page.limit(), page.offset(), rows);
        });
    }

    @GET
    @Path("/{plugin}")
    @Produces(CSV)
    @Operation(hidden = true)
    public Uni<String> rowsCsv(@PathParam("plugin") String name, @QueryParam("from") String from, @QueryParam("to") String to,
                               @QueryParam("limit") Integer limit, @QueryParam("offset") Long offset) {
        return rows(name, from, to, limit, offset).map(page -> {
            CsvWriter csv = new CsvWriter(page.columns());
            page.rows().forEach(row -> csv.row(page.columns().stream().map(row::get).toList()));
            return csv.toString();
        });
    }

    @POST
    @Path("/flush")
    @RolesAllowed("logs:admin")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "flushStatistics", summary = "Flush the statistics now", description = "Runs the scheduled flush at once.")
    public Uni<StatsEngine.FlushRun> flush() {
        return engine.flush();
    }

    @POST
    @Path("/{plugin}/rebuild")
    @RolesAllowed("logs:admin")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "rebuildPluginStatistics", summary = "Rebuild a plugin from the stored events",
            description = "Forgets the plugin's results and rebuilds them over its look-back, as for a new plugin.")
    @APIResponse(responseCode = "200", description = "The flush that rebuilt the plugin's results",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StatsEngine.FlushRun.class)))
    @APIResponse(responseCode = "404", description = "No such plugin")
    public Uni<StatsEngine.FlushRun> rebuild(@PathParam("plugin") @Parameter(description = "The plugin's name, as listStatisticsPlugins names it", example = "top-stations") String name) {
        StatsPlugin plugin = plugin(name);
        return engine.forget(plugin).chain(engine::restart).chain(engine::flush);
    }

    private StatsPlugin plugin(String name) {
        return engine.plugin(name).orElseThrow(() -> ProblemException.notFound("No statistics plugin '" + name + "'"));
    }

    private static PluginInfo info(StatsPlugin p) {
        return new PluginInfo(p.name(), p.summary(), p.description(), p.period().toString(), p.lookback().toString(),
                columns(p));
    }

    private static List<String> columns(StatsPlugin p) {
        List<String> columns = new ArrayList<>(LEADING);
        columns.addAll(p.columns());
        return columns;
    }

    private static Instant instant(String field, String text) {
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(field, "must be an ISO date (2026-03-16) or instant (2026-03-16T00:00:00Z)");
        }
    }
}
