package org.observatory.registry.crawler;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Decides which addresses the crawler may connect to. The URLs come from anonymous users, so every host is
 * resolved and refused when any of its addresses is loopback, private, link-local, multicast, unspecified
 * or otherwise not public, unless it lies in a network the configuration allows (tests, benchmarks).
 * The crawler then connects to the checked address itself, so a second lookup cannot rebind the name.
 */
public final class TargetGuard {

    /** Special-purpose ranges that Java's InetAddress predicates do not name. */
    private static final List<CidrRange> NOT_PUBLIC = List.of(
            CidrRange.parse("0.0.0.0/8"), CidrRange.parse("100.64.0.0/10"), CidrRange.parse("192.0.0.0/24"),
            CidrRange.parse("192.0.2.0/24"), CidrRange.parse("198.18.0.0/15"), CidrRange.parse("198.51.100.0/24"),
            CidrRange.parse("203.0.113.0/24"), CidrRange.parse("240.0.0.0/4"), CidrRange.parse("fc00::/7"),
            CidrRange.parse("2001:db8::/32"), CidrRange.parse("64:ff9b::/96"), CidrRange.parse("100::/64"));

    private final List<CidrRange> allowed;

    public TargetGuard(List<CidrRange> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    /** Resolves {@code host} (blocking: call it off the event loop) and returns the address to connect to. */
    public InetAddress resolve(String host) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new CrawlFailure(CrawlFailure.DNS, "Cannot resolve " + host);
        } catch (SecurityException e) {
            throw new CrawlFailure(CrawlFailure.DNS, "Cannot resolve " + host + ": " + e.getMessage());
        }
        for (InetAddress address : addresses) {
            check(address);
        }
        return addresses[0];
    }

    /** Throws a refusal unless the crawler may connect to {@code address}. */
    public void check(InetAddress address) {
        if (allowed.stream().anyMatch(n -> n.contains(address))) {
            return;
        }
        if (!isPublic(address)) {
            throw new CrawlFailure(CrawlFailure.REFUSED_ADDRESS,
                    "Refused to connect to the non-public address " + address.getHostAddress());
        }
    }

    static boolean isPublic(InetAddress address) {
        return !(address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isMulticastAddress() || address.isAnyLocalAddress()
                || address.getHostAddress().equals("255.255.255.255")
                || NOT_PUBLIC.stream().anyMatch(n -> n.contains(address)));
    }
}
