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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** HTTP entry of TX logs. */
@Path("/logs")
@Tag(name = "TX logs", description = "Ringserver transmission logs in")
public class TxLogResource {

    private static final String TEXT_EXAMPLE = "START CLIENT host.example.org [192.0.2.7] (SeedLink|slinktool/4.11)"
            + " @ 2018-03-30 07:00:05 (connected 2018-03-30 06:59:36) TX\n"
            + "IU_SNZO_10_BHZ/MSEED 2560 5\n"
            + "END CLIENT host.example.org [192.0.2.7] total TX bytes: 2560\n";

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
    @Operation(operationId = "ingestTxLog", summary = "Store a TX log",
            description = "Body: a ringserver TX log, legacy text (older or v4 stream ids) or JSON Lines, plain or gzip "
                    + "(by Content-Encoding or magic bytes). Read as a stream and stored in one transaction; "
                    + "stream transfers already stored are skipped. Rejected lines are listed with number and reason.")
    @RequestBody(required = true, description = "A ringserver TX log", content = {
            @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = SchemaType.STRING),
                    examples = @ExampleObject(name = "legacy", value = TEXT_EXAMPLE)),
            @Content(mediaType = "application/x-ndjson", schema = @Schema(type = SchemaType.STRING,
                    description = "ringserver's JSON Lines TX log, one JSON object per line")),
            @Content(mediaType = "application/gzip", schema = @Schema(type = SchemaType.STRING, format = "binary",
                    description = "Either of the above, gzip-compressed"))})
    @APIResponse(responseCode = "200", description = "Stored; counts and rejected lines")
    @APIResponse(responseCode = "400", description = "Unreadable body (corrupt gzip, no block at all)")
    @APIResponse(responseCode = "413", description = "Body or decompressed log over the limit; nothing stored")
    @APIResponse(responseCode = "415", description = "Unsupported Content-Encoding")
    @APIResponse(responseCode = "422", description = "No line could be used; the rejections are listed")
    public IngestReport ingest(InputStream body, @HeaderParam("Content-Encoding") @Parameter(description = "gzip when the"
            + " body is compressed (gzip data is also recognised by its magic bytes)",
            schema = @Schema(enumeration = {"gzip", "x-gzip", "identity"})) String contentEncoding) {
        return service.ingest(body, contentEncoding);
    }
}
