package org.observatory.registry.instance;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.observatory.common.paging.PageRequest;
import org.observatory.common.problem.ProblemException;

/** The documented public API: list and search instances, read one with its crawled fields and crawl history. */
@Path("/registry/instances")
@Tag(name = "Instances", description = "Registered instances, their crawled fields and crawl history")
@Produces(MediaType.APPLICATION_JSON)
public class InstanceResource {

    private static final Set<String> PARAMETERS = Set.of("enabled", "country", "crawlStatus", "sort", "limit", "offset");
    private static final int HISTORY = 20;

    private final InstanceStore queries;

    public InstanceResource(InstanceStore queries) {
        this.queries = queries;
    }

    @GET
    @Operation(operationId = "listInstances", summary = "List instances", description = "Filters: enabled, country (ISO code), crawlStatus "
            + "(never, ok, failed, stopped), field.<name>=<value> for any crawled field. "
            + "sort: id, url, organization, registered, enabled, country, lastCrawl, lastSuccess, crawlStatus, "
            + "consecutiveFailures or field.<name>; a leading - sorts descending.")
    @APIResponse(responseCode = "200", description = "A page of instances")
    @APIResponse(responseCode = "400", description = "Unknown filter, sort or bad paging")
    public Uni<InstanceView.Page<InstanceView.Summary>> list(
            @QueryParam("enabled") @Parameter(description = "Only enabled (true) or disabled (false) instances") Boolean enabled,
            @QueryParam("country") @Parameter(description = "Only instances located in this country (ISO 3166 alpha-2)",
                    example = "CH", schema = @Schema(pattern = "^[A-Za-z]{2}$")) String country,
            @QueryParam("crawlStatus") @Parameter(description = "Only instances whose last crawl ended so",
                    schema = @Schema(enumeration = {"never", "ok", "failed", "stopped"})) String crawlStatus,
            @QueryParam("sort") @Parameter(description = "Sort key (id, url, organization, registered, enabled, country,"
                    + " lastCrawl, lastSuccess, crawlStatus, consecutiveFailures or field.<name>); a leading - sorts descending",
                    example = "-registered", schema = @Schema(pattern = "^-?[A-Za-z][A-Za-z0-9_.]*$")) String sort,
            @QueryParam("limit") @Parameter(description = "Page size",
                    schema = @Schema(defaultValue = "50", minimum = "1", maximum = "500")) Integer limit,
            @QueryParam("offset") @Parameter(description = "Instances to skip",
                    schema = @Schema(defaultValue = "0", minimum = "0")) Long offset,
            @Context UriInfo uri) {
        Map<String, String> fieldEquals = new LinkedHashMap<>();
        uri.getQueryParameters().forEach((name, values) -> {
            if (name.startsWith("field.")) {
                fieldEquals.put(name.substring("field.".length()), values.get(values.size() - 1));
            } else if (!PARAMETERS.contains(name)) {
                throw ProblemException.invalidField(name, "is not a known parameter");
            }
        });
        PageRequest page = PageRequest.of(limit, offset, 50, 500);
        return queries.list(new InstanceFilter(Optional.ofNullable(enabled), Optional.ofNullable(country),
                Optional.ofNullable(crawlStatus), fieldEquals, sort), page);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getInstanceDetail", summary = "One instance", description = "With its visible crawled fields (labelled, aggregated as "
            + "configured), its location and its " + HISTORY + " most recent crawl attempts.")
    @APIResponse(responseCode = "200", description = "The instance")
    @APIResponse(responseCode = "404", description = "No such instance")
    public Uni<InstanceView.Detail> get(@PathParam("id") @Parameter(description = "The instance's id in the registry") long id) {
        return queries.get(id, HISTORY).map(found -> found.orElseThrow(() -> ProblemException.notFound("No instance " + id)));
    }
}
