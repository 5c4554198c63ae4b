package org.observatory.perfarchive.ingest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.observatory.common.paging.PageRequest;

/** The writes the archive refused, newest first; OIDC role measurements:admin. */
@Path("/perf/ingest-failures")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("measurements:admin")
@Tag(name = "Ingest failures", description = "Writes refused by the archive: agents do not retry")
public class IngestFailureResource {

    private final IngestFailureStore failures;

    public IngestFailureResource(IngestFailureStore failures) {
        this.failures = failures;
    }

    @GET
    @Operation(summary = "Refused writes", description = "The latest refused writes (bounded by perf.ingest-failures.kept), newest first")
    @APIResponse(responseCode = "200", description = "Refused writes")
    public Uni<List<IngestFailure>> listIngestFailures(@QueryParam("limit") @DefaultValue("100") @Parameter(description = "Page size, newest first", schema = @Schema(minimum = "1", maximum = "1000")) int limit,
                                         @QueryParam("offset") @DefaultValue("0") @Parameter(description = "Refusals to skip", schema = @Schema(minimum = "0")) long offset) {
        PageRequest page = PageRequest.of(limit, offset, 100, 1000);
        return failures.latest(page.limit(), page.offset());
    }
}
