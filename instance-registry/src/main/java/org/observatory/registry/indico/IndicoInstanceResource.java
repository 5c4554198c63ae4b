package org.observatory.registry.indico;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseHeader;
import org.observatory.registry.common.RegistryConfig;

/**
 * The API that Indico's server calls unchanged ({@code COMMUNITY_HUB_URL + "api/instance/"}): register,
 * sync, unregister. Paths, shapes and status codes follow Cephalopod; bad input is a 400, never a 500.
 */
@Path("/api/instance")
@Tag(name = "Indico client API", description = "Registration and sync as Indico's server performs them")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class IndicoInstanceResource {

    private static final String UUID_DESCRIPTION = "The uuid the registration answered: the instance owner's key";

    private final IndicoInstanceService service;
    private final RegistrationRateLimiter rateLimiter;
    private final IndicoRequests requests;

    public IndicoInstanceResource(IndicoInstanceService service, RegistrationRateLimiter rateLimiter,
            ObjectMapper mapper, RegistryConfig config) {
        this.service = service;
        this.rateLimiter = rateLimiter;
        this.requests = new IndicoRequests(mapper, config.api().maxBodyBytes());
    }

    @POST
    @Path("/")
    @ResponseHeader(name = "Access-Control-Allow-Origin", value = "*")
    @Operation(operationId = "registerInstance", summary = "Register an instance", description = "Body {url, contact, email, organization}. "
            + "Re-registering a known URL with the same e-mail returns its uuid. Rate-limited per client address.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = IndicoBodies.Registration.class),
            examples = @ExampleObject(name = "registration", value = "{\"url\": \"https://events.example.org\","
                    + " \"contact\": \"Events team\", \"email\": \"events@example.org\", \"organization\": \"Example Lab\"}")))
    @APIResponse(responseCode = "200", description = "The uuid of the instance: the key to update it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IndicoBodies.Registered.class)))
    @APIResponse(responseCode = "400", description = "Missing, empty, invalid or unexpected data")
    @APIResponse(responseCode = "409", description = "The URL is registered by another contact")
    @APIResponse(responseCode = "429", description = "Too many registrations from this address")
    public Uni<IndicoBodies.Registered> register(byte[] body, HttpServerRequest request) {
        IndicoRequests.Registration registration = requests.registration(body);
        // Behind a trusted proxy Quarkus already replaced the address with X-Forwarded-For's client.
        rateLimiter.acquire(request.remoteAddress().hostAddress());
        return service.register(registration).map(IndicoBodies.Registered::new);
    }

    @PATCH
    @Path("/{uuid}")
    @ResponseHeader(name = "Access-Control-Allow-Origin", value = "*")
    @Operation(operationId = "updateInstance", summary = "Update an instance", description = "Any of enabled, url, contact, email, organization; "
            + "null values are ignored. {\"enabled\": false} unregisters.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = IndicoBodies.Update.class),
            examples = @ExampleObject(name = "unregister", value = "{\"enabled\": false}")))
    @APIResponse(responseCode = "200", description = "The instance")
    @APIResponse(responseCode = "400", description = "Empty, invalid or unexpected data")
    @APIResponse(responseCode = "409", description = "The new URL is registered by another contact")
    @APIResponse(responseCode = "404", description = "Unknown uuid")
    public Uni<IndicoInstance> update(@PathParam("uuid") @Parameter(description = UUID_DESCRIPTION,
            schema = @Schema(format = "uuid")) String uuid, byte[] body) {
        UUID id = uuid(uuid);
        return service.update(id, requests.patch(body));
    }

    @GET
    @Path("/{uuid}")
    @ResponseHeader(name = "Access-Control-Allow-Origin", value = "*")
    @Operation(operationId = "getInstance", summary = "Get an instance by its uuid")
    @APIResponse(responseCode = "200", description = "The instance")
    @APIResponse(responseCode = "404", description = "Unknown uuid")
    public Uni<IndicoInstance> get(@PathParam("uuid") @Parameter(description = UUID_DESCRIPTION,
            schema = @Schema(format = "uuid")) String uuid) {
        return service.get(uuid(uuid));
    }

    /** A malformed uuid names no instance: 404, as for an unknown one. */
    private static UUID uuid(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw IndicoApiException.notFound();
        }
    }
}
