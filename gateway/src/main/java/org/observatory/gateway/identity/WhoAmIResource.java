package org.observatory.gateway.identity;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Tells a caller who its token says it is: the quickest check that a token is accepted. */
@Path("/whoami")
@Produces(MediaType.APPLICATION_JSON)
public class WhoAmIResource {

    /** The caller: its principal name and its roles, sorted. */
    public record Caller(String name, List<String> roles) {
    }

    private final SecurityIdentity identity;

    public WhoAmIResource(SecurityIdentity identity) {
        this.identity = identity;
    }

    @GET
    @Authenticated
    @Operation(operationId = "getCaller", summary = "The caller named by the bearer token, with its roles")
    @APIResponse(responseCode = "200", description = "The caller")
    public Caller whoAmI() {
        return new Caller(identity.getPrincipal().getName(), identity.getRoles().stream().sorted().toList());
    }
}
