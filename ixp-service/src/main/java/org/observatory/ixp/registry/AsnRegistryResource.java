package org.observatory.ixp.registry;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.observatory.common.problem.ProblemException;
import org.observatory.ixp.common.SourceFetcher;

@Path("/ixp/asn-registry")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "ASN registry", description = "ASN registration country and status from the RIRs")
public class AsnRegistryResource {

    private final AsnRegistryService service;

    public AsnRegistryResource(AsnRegistryService service) {
        this.service = service;
    }

    @POST
    @Path("/reload")
    @RolesAllowed("ixp:admin")
    @Operation(operationId = "reloadAsnRegistry", summary = "Reload the ASN registry", description = "Reads the configured delegated-extended files"
            + " (and ASN lists) as of a date (default today), then re-derives periods and statistics.")
    @APIResponse(responseCode = "200", description = "Counts loaded")
    @APIResponse(responseCode = "400", description = "asOf is not a date")
    @APIResponse(responseCode = "409", description = "An import is running")
    @APIResponse(responseCode = "502", description = "A configured source could not be read")
    public Uni<RegistryLoad> reload(@QueryParam("asOf") @Parameter(description = "The date to read the registry as of"
            + " (YYYY-MM-DD); default today (UTC)", example = "2026-03-01", schema = @Schema(format = "date")) String asOf) {
        LocalDate date;
        try {
            date = asOf == null ? LocalDate.now(ZoneOffset.UTC) : LocalDate.parse(asOf);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField("asOf", "'" + asOf + "' is not a date (YYYY-MM-DD)");
        }
        return service.reloadExclusively(date)
                .map(done -> done.orElseThrow(() -> ProblemException.conflict("an import is running; try again later")))
                .onFailure(SourceFetcher.SourceUnavailableException.class)
                .transform(e -> new ProblemException(502, "Source unavailable", e.getMessage()));
    }
}
