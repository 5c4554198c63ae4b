package org.observatory.ixp.registry;

import java.time.LocalDate;

/** An ASN's registration as the API shows it, with its membership of the routed and MANRS sets. */
public record RegistrationView(String registry, String country, String status, LocalDate date, boolean routed,
        boolean manrs) {
}
