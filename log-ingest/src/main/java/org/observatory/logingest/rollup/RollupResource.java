package org.observatory.logingest.rollup;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.observatory.common.csv.CsvWriter;
import org.observatory.common.paging.PageRequest;
import org.observatory.common.problem.ProblemException;
import org.observatory.logingest.privacy.ClientFiguresPolicy;

/** Rollup queries: totals and series by any dimension, at hour, day or month resolution, in JSON or CSV. */
@Path("/logs")
@Tag(name = "TX log rollups", description = "Bytes, packets and transfers per hour, day or month")
public class RollupResource {

    static final String CSV = "text/csv";
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 10_000;

    private final RollupStore rollups;
    private final RollupRefresher refresher;
    private final ClientFiguresPolicy clientFigures;

    public RollupResource(RollupStore rollups, RollupRefresher refresher, ClientFiguresPolicy clientFigures) {
        this.rollups = rollups;
        this.refresher = refresher;
        this.clientFigures = clientFigures;
    }

    @GET
    @Path("/totals")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listLogTotals", summary = "Totals grouped by dimensions",
            description = "Sums over the buckets that start in [from, to), grouped by groupBy (comma-separated or "
                    + "repeated: network, station, location, channel, country, client, protocol), largest first. "
                    + "Transmitted (TX) data only: ringserver's RX records are not stored.")
    @APIResponse(responseCode = "200", description = "A page of totals")
    @APIResponse(responseCode = "400", description = "Unknown dimension or resolution, bad time range or paging")
    @APIResponse(responseCode = "403", description = "Figures per client without logs:admin (unless made public)")
    public Uni<RollupPage> totals(@BeanParam RollupParams params) {
        return rollups.run(perClientChecked(query(false, params.resolution, params.from, params.to,
                params.groupBy() == null ? "network" : params.groupBy(), params.filters(), params.limit, params.offset)));
    }

    @GET
    @Path("/totals")
    @Produces(CSV)
    @Operation(hidden = true)
    public Uni<String> totalsCsv(@BeanParam RollupParams params) {
        return totals(params).map(RollupResource::csv);
    }

    @GET
    @Path("/series")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listLogSeries", summary = "Time series grouped by dimensions",
            description = "One row per bucket and group, in time order; groupBy as for totals (may be empty).")
    @APIResponse(responseCode = "200", description = "A page of series rows")
    @APIResponse(responseCode = "400", description = "Unknown dimension or resolution, bad time range or paging")
    @APIResponse(responseCode = "403", description = "Figures per client without logs:admin (unless made public)")
    public Uni<RollupPage> series(@BeanParam RollupParams params) {
        return rollups.run(perClientChecked(query(true, params.resolution, params.from, params.to,
                params.groupBy() == null ? "" : params.groupBy(), params.filters(), params.limit, params.offset)));
    }

    @GET
    @Path("/series")
    @Produces(CSV)
    @Operation(hidden = true)
    public Uni<String> seriesCsv(@BeanParam RollupParams params) {
        return series(params).map(RollupResource::csv);
    }

    @POST
    @Path("/rollups/refresh")
    @RolesAllowed("logs:admin")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "refreshRollups", summary = "Refresh the rollups now",
            description = "Runs the scheduled refresh at once (unless another replica is running it).")
    public Uni<RollupRefresher.RollupRun> refresh() {
        return refresher.refresh();
    }

    /** Figures per client hash are for those the operators allow (see ClientFiguresPolicy). */
    private RollupStore.Query perClientChecked(RollupStore.Query query) {
        if (query.groupBy().contains(Dimension.CLIENT) || query.filters().containsKey(Dimension.CLIENT)) {
            clientFigures.checkPerClient();
        }
        return query;
    }

    static RollupStore.Query query(boolean series, String resolutionText, String fromText, String toText,
                                          String groupByText, Map<Dimension, String> filters, Integer limit, Long offset) {
        Resolution resolution = Resolution.parse(resolutionText);
        Instant to = toText == null ? Instant.now() : instant("to", toText);
        Instant from = fromText == null ? to.minus(resolution.defaultRange()) : instant("from", fromText);
        if (!from.isBefore(to)) {
            throw ProblemException.invalidField("from", "must be before to");
        }
        if (from.plus(resolution.maxRange()).isBefore(to)) {
            throw ProblemException.invalidField("to", "the range may span at most " + resolution.maxRange().toDays()
                    + " days at " + resolution.name().toLowerCase() + " resolution");
        }
        List<Dimension> groupBy = new ArrayList<>();
        for (String name : groupByText.split(",")) {
            if (name.isBlank()) {
                continue;
            }
            Dimension dimension = Dimension.byApiName(name).orElseThrow(() -> ProblemException.invalidField("groupBy",
                    "unknown dimension '" + name.strip() + "'; use network, station, location, channel, country, client, protocol"));
            if (!groupBy.contains(dimension)) {
                groupBy.add(dimension);
            }
        }
        return new RollupStore.Query(resolution, from, to, groupBy, filters,
                PageRequest.of(limit, offset, DEFAULT_LIMIT, MAX_LIMIT), series);
    }

    private static Instant instant(String field, String text) {
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(field, "must be an ISO date (2026-03-16) or instant (2026-03-16T00:00:00Z)");
        }
    }

    static String csv(RollupPage page) {
        CsvWriter writer = new CsvWriter(page.columns());
        for (Map<String, Object> row : page.rows()) {
            writer.row(page.columns().stream().map(row::get).toList());
        }
        return writer.toString();
    }
}
