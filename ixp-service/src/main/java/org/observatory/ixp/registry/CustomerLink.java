package org.observatory.ixp.registry;

/** A provider-to-customer relationship between two ASNs. */
public record CustomerLink(long provider, long customer) {
}
