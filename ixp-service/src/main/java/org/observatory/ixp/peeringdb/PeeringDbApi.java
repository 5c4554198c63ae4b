package org.observatory.ixp.peeringdb;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * PeeringDB's REST API as a Quarkus REST client: {@code GET {base}/{type}?depth=0&limit=&skip=[&updated__gte=]},
 * answered with {@code {"data":[...],"meta":{}}}. The body stays bytes: {@link PeeringDbJsonReader} streams it.
 * Built by {@link PeeringDbPageFetcher}, which adds the key, the timeouts and the retries.
 */
@Path("")
public interface PeeringDbApi {

    /** One page of objects of {@code type}; {@code updatedSince} (YYYY-MM-DD) null asks for all. */
    @GET
    @Path("/{type}")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<byte[]> page(@PathParam("type") String type, @QueryParam("depth") int depth, @QueryParam("limit") int limit,
            @QueryParam("skip") int skip, @QueryParam("updated__gte") String updatedSince);
}
