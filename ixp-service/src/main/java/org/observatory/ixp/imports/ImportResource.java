package org.observatory.ixp.imports;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.observatory.common.paging.PageRequest;
import org.observatory.common.problem.ProblemException;
import org.observatory.ixp.common.Months;
import org.observatory.ixp.common.Params;

@Path("/ixp/imports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Imports", description = "Imports of PeeringDB months and their reports")
public class ImportResource {

    private final ImportService service;
    private final ImportRunStore runs;
    private final SecurityIdentity identity;

    public ImportResource(ImportService service, ImportRunStore runs, SecurityIdentity identity) {
        this.service = service;
        this.runs = runs;
        this.identity = identity;
    }

    @POST
    @Path("/peeringdb")
    @RolesAllowed("ixp:admin")
    @Operation(operationId = "importPeeringDb", summary = "Import the current PeeringDB", description = "Stores the live API's state as this month."
            + " With wait=false (the default) the answer is the started run (202); poll it for progress.")
    @APIResponse(responseCode = "200", description = "The finished run (wait=true)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ImportRun.class)))
    @APIResponse(responseCode = "202", description = "The started run; Location names it", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ImportRun.class)))
    @APIResponse(responseCode = "409", description = "Another import is running")
    @APIResponse(responseCode = "500", description = "The import failed for another reason (wait=true)")
    @APIResponse(responseCode = "502", description = "PeeringDB kept failing (wait=true)")
    public Uni<Response> peeringDb(@QueryParam("wait") @Parameter(description = "Answer when the run is over (200, or its problem) instead of when it starts (202)", schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false")) String waitParam) {
        boolean wait = Params.flag("wait", waitParam);
        return answer(service.importFromApi(user(), wait), wait, false);
    }

    @POST
    @Path("/archive/{month}")
    @RolesAllowed("ixp:admin")
    @Operation(operationId = "importArchiveMonth", summary = "Backfill a month from the archive", description = "Imports the earliest available daily"
            + " dump of the month (YYYY-MM). Months may come in any order and may be re-run.")
    @APIResponse(responseCode = "200", description = "The finished run (wait=true)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ImportRun.class)))
    @APIResponse(responseCode = "202", description = "The started run; Location names it", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ImportRun.class)))
    @APIResponse(responseCode = "400", description = "Not a month")
    @APIResponse(responseCode = "404", description = "The archive has no dump of that month (wait=true)")
    @APIResponse(responseCode = "409", description = "Another import is running")
    @APIResponse(responseCode = "422", description = "The month's dump is malformed (wait=true)")
    @APIResponse(responseCode = "502", description = "The archive kept failing (wait=true)")
    public Uni<Response> archive(@PathParam("month") @Parameter(description = "The month, YYYY-MM", example = "2024-05", schema = @Schema(pattern = "^[0-9]{4}-[0-9]{2}$")) String month,
            @QueryParam("wait") @Parameter(description = "Answer when the run is over (200, or its problem) instead of when it starts (202)", schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false")) String waitParam) {
        boolean wait = Params.flag("wait", waitParam);
        return answer(service.importArchiveMonth(Months.parse("month", month), user(), wait), wait, false);
    }

    @POST
    @Path("/upload/{month}")
    @RolesAllowed("ixp:admin")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.APPLICATION_OCTET_STREAM, MediaType.TEXT_PLAIN})
    @Operation(operationId = "importUploadedDump", summary = "Import an uploaded dump as a month", description = "The body is a dump in CAIDA's"
            + " layout (one object keyed by type), JSON or Python literal.")
    @RequestBody(required = true, description = "A PeeringDB dump: one object keyed by type (ix, net, netixlan, ...),"
            + " each holding {\"data\": [...]}", content = {
                @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT),
                        example = "{\"ix\": {\"data\": [{\"id\": 31, \"name\": \"DE-CIX Frankfurt\", \"country\": \"DE\"}]},"
                                + " \"net\": {\"data\": []}, \"netixlan\": {\"data\": []}}"),
                @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM, schema = @Schema(type = SchemaType.STRING, format = "binary")),
                @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = SchemaType.STRING,
                        description = "The dump as a Python literal, as CAIDA's archive stores older months"))})
    @APIResponse(responseCode = "200", description = "The finished run (wait=true)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ImportRun.class)))
    @APIResponse(responseCode = "202", description = "The started run; Location names it", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ImportRun.class)))
    @APIResponse(responseCode = "400", description = "Not a month, an empty body, or the dump is malformed (wait=true)")
    @APIResponse(responseCode = "413", description = "The body is larger than this service accepts")
    @APIResponse(responseCode = "409", description = "Another import is running")
    public Uni<Response> upload(@PathParam("month") @Parameter(description = "The month, YYYY-MM", example = "2024-05", schema = @Schema(pattern = "^[0-9]{4}-[0-9]{2}$")) String month,
            @QueryParam("wait") @Parameter(description = "Answer when the run is over (200, or its problem) instead of when it starts (202)", schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false")) String waitParam, byte[] body) {
        boolean wait = Params.flag("wait", waitParam);
        if (body == null || body.length == 0) {
            throw ProblemException.badRequest("the body must hold a PeeringDB dump");
        }
        return answer(service.importUpload(Months.parse("month", month), body, user(), wait), wait, true);
    }

    @GET
    @Operation(operationId = "listImportRuns", summary = "List import runs", description = "Newest first; optionally by status (running, succeeded, failed).")
    @APIResponse(responseCode = "200", description = "Runs with their reports")
    @APIResponse(responseCode = "400", description = "A bad status or page")
    public Uni<List<ImportRun>> list(
            @QueryParam("status") @Parameter(description = "Only runs in this state",
                    schema = @Schema(enumeration = {"running", "succeeded", "failed"})) String status,
            @QueryParam("limit") @Parameter(description = "Page size",
                    schema = @Schema(defaultValue = "50", minimum = "1", maximum = "500")) Integer limit,
            @QueryParam("offset") @Parameter(description = "Runs to skip",
                    schema = @Schema(defaultValue = "0", minimum = "0")) Long offset) {
        if (status != null && !List.of("running", "succeeded", "failed").contains(status)) {
            throw ProblemException.invalidField("status", "must be running, succeeded or failed");
        }
        return runs.list(status, PageRequest.of(limit, offset, 50, 500)).map(list -> list.stream().map(this::shown).toList());
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getImportRun", summary = "One import run", description = "Its status, phase and progress while it runs; counts,"
            + " skipped records with reasons and durations when done.")
    @APIResponse(responseCode = "200", description = "The run")
    @APIResponse(responseCode = "404", description = "No such run")
    public Uni<ImportRun> get(@PathParam("id") @Parameter(description = "The run's id") long id) {
        return runs.find(id).map(found -> shown(found.orElseThrow(() -> ProblemException.notFound("no import run " + id))));
    }

    /** Who asked for a run is an operator's account name: only token holders see it. */
    private ImportRun shown(ImportRun run) {
        return identity.isAnonymous() ? run.withoutRequester() : run;
    }

    private String user() {
        return identity.isAnonymous() ? null : identity.getPrincipal().getName();
    }

    private static Uni<Response> answer(Uni<ImportRun> run, boolean wait, boolean uploaded) {
        return run.map(r -> Response.status(wait ? 200 : 202).location(URI.create("/ixp/imports/" + r.id())).entity(r).build())
                .onFailure(ImportFailedException.class).transform(e -> problem((ImportFailedException) e, uploaded));
    }

    private static ProblemException problem(ImportFailedException e, boolean uploaded) {
        String detail = e.getMessage() + " (import run " + e.runId() + "; nothing of the month was stored)";
        return switch (e.failureCause()) {
            case BAD_INPUT -> uploaded ? new ProblemException(400, "Malformed dump", detail)
                    : new ProblemException(422, "Malformed dump", detail);
            case NOT_FOUND -> new ProblemException(404, "No dump", detail);
            case SOURCE_UNAVAILABLE -> new ProblemException(502, "Source unavailable", detail);
            case INTERNAL -> new ProblemException(500, "Import failed", detail);
        };
    }
}
