package org.observatory.gateway.identity;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.observatory.common.problem.Problem;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Tells a caller who its token says it is: the quickest check that a token is accepted. */
@Path("/whoami")
@Produces(MediaType.APPLICATION_JSON)
public class WhoAmIResource {

    /** The caller: its principal name and its roles, sorted. */
    public record Caller(String name, List<String> roles) {
    }

    @Inject
    SecurityIdentity identity;

    @GET
    @Authenticated
    @SecurityRequirement(name = "oidc")
    @Operation(operationId = "whoAmI", summary = "The caller named by the bearer token, with its roles")
    @APIResponse(responseCode = "200", description = "The caller",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Caller.class)))
    @APIResponse(responseCode = "401", description = "No token, or one the issuer did not sign or that has expired",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Caller whoAmI() {
        return new Caller(identity.getPrincipal().getName(), identity.getRoles().stream().sorted().toList());
    }
}
