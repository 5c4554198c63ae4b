package org.observatory.logingest.storage;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.observatory.common.problem.ProblemException;

/** Operators see and trigger the storage jobs. */
@Path("/logs/admin/jobs")
@RolesAllowed("logs:admin")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Storage jobs", description = "Partitions, retention, compression and rollup refresh")
public class StorageJobResource {

    private final StorageJobs jobs;

    public StorageJobResource(StorageJobs jobs) {
        this.jobs = jobs;
    }

    @GET
    @Operation(operationId = "listStorageJobs", summary = "The storage jobs with their last run and outcome")
    public Uni<List<StorageJobStatus>> list() {
        return jobs.list();
    }

    @POST
    @Path("/{job}/run")
    @Operation(operationId = "runStorageJob", summary = "Run a storage job now", description = "Answers the job's status after the run; outcome "
            + "'skipped' when another replica was running it, 'failed' with the reason otherwise.")
    @APIResponse(responseCode = "200", description = "The job's status after the run")
    @APIResponse(responseCode = "404", description = "No such job")
    @APIResponse(responseCode = "409", description = "The storage dialect has no such job (compression without TimescaleDB)")
    public Uni<StorageJobStatus> run(@PathParam("job") @Parameter(description = "The job to run", example = "retention", schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(enumeration = {"partitions", "retention", "compression", "rollup-refresh"})) String name) {
        StorageJob job = StorageJob.byApiName(name).orElseThrow(() -> ProblemException.notFound("No storage job '" + name
                + "'; jobs: " + String.join(", ", Arrays.stream(StorageJob.values()).map(StorageJob::apiName).toList())));
        return jobs.run(job);
    }
}
