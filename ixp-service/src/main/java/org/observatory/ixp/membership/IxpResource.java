package org.observatory.ixp.membership;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.observatory.common.paging.PageRequest;
import org.observatory.common.problem.ProblemException;
import org.observatory.ixp.common.Params;
import org.observatory.ixp.membership.MembershipViews.AsnDetail;
import org.observatory.ixp.membership.MembershipViews.IxpDetail;
import org.observatory.ixp.membership.MembershipViews.IxpPage;

@Path("/ixp")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "IXPs", description = "Exchanges, their member networks and membership periods")
public class IxpResource {

    private final MembershipService service;

    public IxpResource(MembershipService service) {
        this.service = service;
    }

    @GET
    @Path("/ixps")
    @Operation(operationId = "listIxps", summary = "List IXPs", description = "Filter by country (ISO 3166 alpha-2), active flag (3 or more open"
            + " memberships) and a fragment of the name; paged with limit (default 100, at most 1000) and offset.")
    @APIResponse(responseCode = "200", description = "A page of IXPs with the total count")
    @APIResponse(responseCode = "400", description = "A bad filter or page")
    public Uni<IxpPage> list(
            @QueryParam("country") @Parameter(description = "Only IXPs in this country (ISO 3166 alpha-2, any case)",
                    example = "DE", schema = @Schema(pattern = "^[A-Za-z]{2}$")) String country,
            @QueryParam("active") @Parameter(description = "Only active IXPs (true: 3 or more open memberships) or only inactive ones (false)")
            Boolean active,
            @QueryParam("name") @Parameter(description = "A fragment of the short or long name, case-insensitive",
                    example = "DE-CIX", schema = @Schema(maxLength = 200)) String name,
            @QueryParam("limit") @Parameter(description = "Page size",
                    schema = @Schema(defaultValue = "100", minimum = "1", maximum = "1000")) Integer limit,
            @QueryParam("offset") @Parameter(description = "Items to skip",
                    schema = @Schema(defaultValue = "0", minimum = "0")) Long offset) {
        PageRequest page = PageRequest.of(limit, offset, 100, 1000);
        if (name != null && name.length() > 200) {
            throw ProblemException.invalidField("name", "at most 200 characters");
        }
        return service.search(Params.country(country), active, name == null || name.isBlank() ? null : name.strip(), page);
    }

    @GET
    @Path("/ixps/{id}")
    @Operation(operationId = "getIxp", summary = "One IXP with its members", description = "Every ASN that was ever a member, with each"
            + " membership period (end date null while open).")
    @APIResponse(responseCode = "200", description = "The IXP")
    @APIResponse(responseCode = "404", description = "No such IXP")
    public Uni<IxpDetail> ixp(@PathParam("id") @Parameter(description = "The IXP's PeeringDB id", example = "31") long id) {
        return service.ixp(id);
    }

    @GET
    @Path("/asns/{asn}")
    @Operation(operationId = "getAsn", summary = "One network with its memberships", description = "PeeringDB's description of the ASN,"
            + " its RIR registration, and its membership periods at every IXP.")
    @APIResponse(responseCode = "200", description = "The network")
    @APIResponse(responseCode = "400", description = "The ASN is out of range")
    @APIResponse(responseCode = "404", description = "The ASN is unknown")
    public Uni<AsnDetail> asn(@PathParam("asn") @Parameter(description = "The autonomous system number",
            example = "3320", schema = @Schema(minimum = "1", maximum = "4294967295")) long asn) {
        if (asn <= 0 || asn > 4_294_967_295L) {
            throw ProblemException.invalidField("asn", "must be between 1 and 4294967295");
        }
        return service.asn(asn);
    }
}
