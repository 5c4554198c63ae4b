package org.observatory.registry.instance;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.observatory.common.problem.ProblemException;
import org.observatory.registry.crawler.CrawlOutcome;
import org.observatory.registry.crawler.CrawlService;
import org.observatory.registry.crawler.CrawlSummary;

/** Admin actions, for the {@code registry:admin} role only. */
@Path("/registry/admin")
@Tag(name = "Registry administration")
@RolesAllowed("registry:admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    private final AdminService admin;
    private final CrawlService crawls;

    public AdminResource(AdminService admin, CrawlService crawls) {
        this.admin = admin;
        this.crawls = crawls;
    }

    /** The outcome of an on-demand crawl of one instance. */
    public record CrawlResult(long instanceId, String status, String reason, String error, Integer httpStatus) {
        static CrawlResult of(CrawlOutcome outcome) {
            return new CrawlResult(outcome.instanceId(), outcome.ok() ? "ok" : "failed", outcome.reason(),
                    outcome.error(), outcome.httpStatus());
        }
    }

    @POST
    @Path("/instances/{id}/disable")
    @Operation(operationId = "disableInstance", summary = "Disable an instance", description = "It is no longer listed as enabled nor crawled.")
    @APIResponse(responseCode = "204", description = "Disabled")
    @APIResponse(responseCode = "404", description = "No such instance")
    public Uni<Void> disable(@PathParam("id") @Parameter(description = "The instance's id in the registry") long id) {
        return admin.disable(id);
    }

    @DELETE
    @Path("/instances/{id}")
    @Operation(operationId = "deleteInstance", summary = "Delete an instance and its crawl history")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such instance")
    public Uni<Void> delete(@PathParam("id") @Parameter(description = "The instance's id in the registry") long id) {
        return admin.delete(id);
    }

    @POST
    @Path("/crawl")
    @Operation(operationId = "crawlDueInstances", summary = "Crawl all due instances now", description = "Answers when the run is over, with its summary.")
    @APIResponse(responseCode = "200", description = "The run's summary")
    @APIResponse(responseCode = "409", description = "A crawl run is under way on some replica")
    public Uni<CrawlSummary> crawlAll() {
        return detached(crawls.crawlAll()).map(summary -> {
            if (!summary.ran()) {
                throw ProblemException.conflict("A crawl run is under way");
            }
            return summary;
        });
    }

    @POST
    @Path("/instances/{id}/crawl")
    @Operation(operationId = "crawlInstance", summary = "Crawl one instance now, whatever its schedule")
    @APIResponse(responseCode = "200", description = "The attempt's outcome")
    @APIResponse(responseCode = "404", description = "No such instance")
    @APIResponse(responseCode = "409", description = "The instance is being crawled right now")
    public Uni<CrawlResult> crawlOne(@PathParam("id") @Parameter(description = "The instance's id in the registry") long id) {
        return detached(crawls.crawlOne(id)).map(CrawlResult::of);
    }

    /** A client (or the gateway) that gives up waiting must not cancel a crawl half-way and leave leases behind. */
    private static <T> Uni<T> detached(Uni<T> work) {
        java.util.concurrent.CompletableFuture<T> running = work.subscribeAsCompletionStage();
        return Uni.createFrom().completionStage(running);
    }
}
