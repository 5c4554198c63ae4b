package org.observatory.ixp.registry;

import java.time.LocalDate;

/** One ASN's registration: RIR, country (null when unassigned), status and registration date. */
public record AsnRegistration(long asn, String registry, String country, String status, LocalDate date) {

    /** The RIRs list ASNs in use as {@code assigned} (or, at some RIRs, {@code allocated}). */
    public boolean isAssigned() {
        return "assigned".equals(status) || "allocated".equals(status);
    }
}
