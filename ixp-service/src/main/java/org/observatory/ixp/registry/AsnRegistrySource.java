package org.observatory.ixp.registry;

import io.smallrye.mutiny.Uni;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where ASN registration and related ASN sets come from. The default implementation reads the RIRs'
 * delegated-extended files ({@link RirDelegatedSource}); another source can replace it by being a CDI bean
 * of this type.
 */
public interface AsnRegistrySource {

    /** Every ASN the source knows, with its registration as of {@code asOf}. */
    Uni<List<AsnRegistration>> registrations(LocalDate asOf);

    /** ASNs seen in the routing table; empty when no list is configured. */
    Uni<Set<Long>> routedAsns();

    /** Provider-to-customer relationships; empty when no source is configured. */
    Uni<List<CustomerLink>> customerLinks();

    /** MANRS participants; empty when no source is configured. */
    Uni<Set<Long>> manrsParticipants();

    /** ASNs registered (assigned) in {@code country} as of {@code asOf}. */
    default Uni<Set<Long>> registeredIn(String country, LocalDate asOf) {
        return registrations(asOf).map(all -> all.stream()
                .filter(r -> r.isAssigned() && country.equals(r.country()))
                .map(AsnRegistration::asn).collect(Collectors.toSet()));
    }

    /** Routed ASNs registered in {@code country}. */
    default Uni<Set<Long>> routedIn(String country, LocalDate asOf) {
        return registeredIn(country, asOf).chain(local -> routedAsns().map(routed -> routed.stream()
                .filter(local::contains).collect(Collectors.toSet())));
    }
}
