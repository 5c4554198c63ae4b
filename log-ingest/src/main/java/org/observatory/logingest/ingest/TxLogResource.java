package org.observatory.logingest.ingest;

import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** HTTP entry of TX logs. */
@Path("/logs")
@Tag(name = "TX logs", description = "Ringserver transmission logs in")
public class TxLogResource {

    private final TxLogIngestService service;

    public TxLogResource(TxLogIngestService service) {
        this.service = service;
    }

    @POST
    @Path("/txlog")
    @RolesAllowed("logs:write")
    @Blocking
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = "oidc")
    @Operation(summary = "Store a TX log",
            description = "Body: a ringserver TX log, legacy text (older or v4 stream ids) or JSON Lines, plain or gzip "
                    + "(by Content-Encoding or magic bytes). Read as a stream and stored in one transaction; "
                    + "stream transfers already stored are skipped. Rejected lines are listed with number and reason.")
    @APIResponse(responseCode = "200", description = "Stored; counts and rejected lines")
    @APIResponse(responseCode = "400", description = "Unreadable body (corrupt gzip, no block at all)")
    @APIResponse(responseCode = "413", description = "Body or decompressed log over the limit; nothing stored")
    @APIResponse(responseCode = "415", description = "Unsupported Content-Encoding")
    @APIResponse(responseCode = "422", description = "No line could be used; the rejections are listed")
    public IngestReport ingest(InputStream body, @HeaderParam("Content-Encoding") String contentEncoding) {
        return service.ingest(body, contentEncoding);
    }
}
