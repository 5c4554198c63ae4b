package org.observatory.perfarchive.pscheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.observatory.common.problem.ProblemException;
import org.observatory.perfarchive.PerfConfig;
import org.observatory.perfarchive.data.DataParser;
import org.observatory.perfarchive.ingest.RefusedWriteObserver;

/**
 * The target of pScheduler's {@code http} archiver (perfSONAR 5): one result document per run, POST or PUT,
 * stored as pScheduler's esmond archiver would have stored it, and readable through the esmond API.
 */
@Path("/perf/pscheduler/runs")
@Tag(name = "pScheduler runs", description = "Results from pScheduler's http archiver (perfSONAR 5)")
public class PschedulerRunResource {

    private final PschedulerRunService runs;
    private final SecurityIdentity identity;
    private final long maxBody;
    private final ObjectMapper mapper;

    public PschedulerRunResource(PschedulerRunService runs, SecurityIdentity identity, ObjectMapper mapper,
                                 PerfConfig config) {
        this.mapper = mapper;
        this.runs = runs;
        this.identity = identity;
        this.maxBody = config.pscheduler().maxBodySize();
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("measurements:write")
    @Operation(summary = "Archive a pScheduler run", description = "The body is the run's result document exactly as "
            + "pScheduler's http archiver sends it (id, schedule, test, tool, participants, result, run, task). "
            + "Authorization: Basic with an esmond key as password, or a bearer token with measurements:write.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(description = "pScheduler result document")))
    @APIResponse(responseCode = "201", description = "Stored as the esmond archiver would have",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RunReceipt.class)))
    @APIResponse(responseCode = "200", description = "Stored before (same run id): nothing stored again",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RunReceipt.class)))
    @APIResponse(responseCode = "202", description = "Known test type, result not mappable: kept as pscheduler-raw and reported",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RunReceipt.class)))
    @APIResponse(responseCode = "400", description = "Not a pScheduler result: the detail names what is missing")
    @APIResponse(responseCode = "413", description = "Larger than perf.pscheduler.max-body-size")
    public Uni<RestResponse<RunReceipt>> postRun(byte[] body, @HeaderParam("x-ps-observer") @Parameter(description = "The pScheduler host that ran the test, as its archiver sends it; stored as the measurement-agent", example = "ps1.example.net") String observer,
                                              RoutingContext rc) {
        return archive(body, observer, rc);
    }

    @PUT
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("measurements:write")
    @Operation(summary = "Archive a pScheduler run (the archiver's \"op\": \"put\")", description = "As POST")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(description = "pScheduler result document")))
    @APIResponse(responseCode = "201", description = "Stored",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RunReceipt.class)))
    public Uni<RestResponse<RunReceipt>> putRun(byte[] body, @HeaderParam("x-ps-observer") @Parameter(description = "The pScheduler host that ran the test, as its archiver sends it; stored as the measurement-agent", example = "ps1.example.net") String observer,
                                             RoutingContext rc) {
        return archive(body, observer, rc);
    }

    private Uni<RestResponse<RunReceipt>> archive(byte[] body, String observer, RoutingContext rc) {
        if (body != null && body.length > maxBody) {
            throw new ProblemException(413, "Payload Too Large",
                    "A run's result document may be at most " + maxBody + " bytes");
        }
        JsonNode document = DataParser.json(mapper, body);
        if (document.path("id").isTextual()) {
            rc.put(RefusedWriteObserver.SUBJECT, document.get("id").textValue());
        }
        String agent = identity.isAnonymous() ? null : identity.getPrincipal().getName();
        String host = observer == null || observer.isBlank() ? null : observer.trim();
        return runs.store(document, host, agent).map(receipt -> RestResponse.status(switch (receipt.status()) {
            case "duplicate" -> RestResponse.Status.OK;
            case "raw" -> RestResponse.Status.ACCEPTED;
            default -> RestResponse.Status.CREATED;
        }, receipt));
    }
}
