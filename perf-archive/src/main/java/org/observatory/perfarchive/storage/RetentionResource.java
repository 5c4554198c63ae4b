package org.observatory.perfarchive.storage;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Runs retention on demand (it also runs on its cron). */
@Path("/perf/retention")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("measurements:admin")
@Tag(name = "Retention", description = "Per event type retention of points and summaries")
public class RetentionResource {

    private final RetentionJob job;

    public RetentionResource(RetentionJob job) {
        this.job = job;
    }

    @POST
    @Path("/run")
    @Operation(operationId = "runRetention", summary = "Apply retention now")
    @APIResponse(responseCode = "200", description = "What was dropped; ran=false when another replica was running it")
    public Uni<RetentionRun> run() {
        return job.run().map(result -> new RetentionRun(result.isPresent(), result.orElse(List.of())));
    }

    /** What a retention run dropped. */
    @Schema(description = "What a retention run dropped")
    public record RetentionRun(@Schema(description = "false when another replica was running it") boolean ran,
            @Schema(description = "The partitions dropped") List<String> dropped) {
    }
}
