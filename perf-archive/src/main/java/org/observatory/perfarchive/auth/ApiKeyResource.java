package org.observatory.perfarchive.auth;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.observatory.common.problem.ProblemException;

/** Administration of esmond write keys; OIDC role measurements:admin. */
@Path("/perf/keys")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("measurements:admin")
@Tag(name = "API keys", description = "Write keys for esmond clients (Authorization: Token <key>)")
public class ApiKeyResource {

    /** Keys can write measurements, nothing else. */
    static final Set<String> KEY_ROLES = Set.of("measurements:write");

    private final ApiKeyStore keys;
    private final ActiveKeyCache cache;

    public ApiKeyResource(ApiKeyStore keys, ActiveKeyCache cache) {
        this.keys = keys;
        this.cache = cache;
    }

    @Schema(name = "NewApiKey", description = "A write key to create for an esmond client")
    public record NewKey(@NotBlank @Size(max = 150) @Pattern(regexp = "[^:\\s]+", message = "must not contain ':' or spaces")
                         @Schema(required = true, description = "Who the key is for (no ':' nor spaces)", example = "ps-host-a")
                         String username,
                         @Size(max = 500) @Schema(description = "What the key is for", example = "pScheduler on host-a")
                         String description) {
    }

    /** The created key: the only time its secret is shown. */
    @Schema(name = "CreatedApiKey", description = "The created key; its secret is shown this once and stored only as a hash")
    public record CreatedKey(long id, String username, String description, String key, OffsetDateTime created) {
    }

    @POST
    @Operation(operationId = "createApiKey", summary = "Create a key", description = "The key is returned once and stored only as a SHA-256 hash.")
    @APIResponse(responseCode = "201", description = "The key, with its secret (shown once)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CreatedKey.class)))
    @APIResponse(responseCode = "400", description = "A missing or invalid username or description")
    public Uni<Response> create(@Valid @NotNull NewKey request) {
        String secret = ApiKeys.generate();
        return keys.insert(request.username(), request.description(), ApiKeys.hash(secret), KEY_ROLES)
                .map(k -> Response.status(201)
                        .entity(new CreatedKey(k.id(), k.username(), k.description(), secret, k.created())).build());
    }

    @GET
    @Operation(operationId = "listApiKeys", summary = "List keys (without secrets)")
    @APIResponse(responseCode = "200", description = "All keys, revoked ones with their revocation time")
    public Uni<List<ApiKey>> list() {
        return keys.list();
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "revokeApiKey", summary = "Revoke a key")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "404", description = "No such key")
    public Uni<Response> revoke(@PathParam("id") @Parameter(description = "The key's id") long id) {
        // Again once revoked: a check between these two may have cached the row while it was still active.
        cache.evict(id);
        return keys.revoke(id).invoke(() -> cache.evict(id)).map(found -> {
            if (!found) {
                throw ProblemException.notFound("No key " + id);
            }
            return Response.noContent().build();
        });
    }
}
