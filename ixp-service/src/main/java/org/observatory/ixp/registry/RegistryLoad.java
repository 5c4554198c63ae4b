package org.observatory.ixp.registry;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a reload of the ASN registry stored; kept with the load in the database as well. */
@Schema(description = "The counts one reload of the ASN registry stored")
public record RegistryLoad(
        @JsonProperty("as_of") @Schema(description = "The date the registry was read as of", example = "2026-03-01") String asOf,
        @Schema(description = "ASN registrations read from the RIRs' delegated files") int registrations,
        @Schema(description = "Of those, the assigned (allocated or assigned) ones") long assigned,
        @Schema(description = "ASNs seen routed") int routed,
        @JsonProperty("customer_links") @Schema(description = "Customer-provider links") int customerLinks,
        @Schema(description = "MANRS participants") int manrs) {
}
