package org.observatory.perfarchive.pscheduler;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import org.observatory.perfarchive.metadata.HostAddresses;

/**
 * pScheduler's ip_normalize_version: two hosts as addresses of one IP version (the one asked for, else IPv6
 * when both have it, else IPv4). Resolving blocks. Where esmond would have got no address (and then refused
 * the metadata) the name itself is kept, so that the run is not lost.
 */
final class HostPair {

    private HostPair() {
    }

    static List<String> sameVersion(String a, String b, Integer ipVersion) {
        String[] av = addresses(a);
        String[] bv = addresses(b);
        int pick;
        if (ipVersion != null && (ipVersion == 4 || ipVersion == 6)) {
            pick = ipVersion == 6 ? 1 : 0;
        } else if (av[1] != null && bv[1] != null) {
            pick = 1;
        } else {
            pick = 0;
        }
        return Arrays.asList(av[pick] != null ? av[pick] : HostAddresses.normalise(a),
                bv[pick] != null ? bv[pick] : HostAddresses.normalise(b));
    }

    /** [first IPv4, first IPv6] of a host (a literal is itself). */
    private static String[] addresses(String host) {
        String[] v4v6 = new String[2];
        if (host == null) {
            return v4v6;
        }
        String h = host.trim();
        try {
            for (InetAddress address : InetAddress.getAllByName(h)) {
                if (address instanceof Inet4Address && v4v6[0] == null) {
                    v4v6[0] = address.getHostAddress();
                } else if (address instanceof Inet6Address && v4v6[1] == null) {
                    v4v6[1] = HostAddresses.normalise(address.getHostAddress().replaceAll("%.*$", ""));
                }
            }
        } catch (UnknownHostException | SecurityException e) {
            // Unresolvable: the caller keeps the name.
        }
        return v4v6;
    }
}
