package org.observatory.registry.crawler;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** A range of IP addresses in CIDR notation, e.g. {@code 127.0.0.1/32} or {@code fc00::/7}. */
public record CidrRange(byte[] prefix, int bits) {

    public static CidrRange parse(String cidr) {
        String text = cidr.trim();
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        try {
            // Only literal addresses: getByName does no lookup for them.
            if (!address.matches("[0-9a-fA-F:.]+")) {
                throw new IllegalArgumentException("Not an IP address: " + cidr);
            }
            byte[] prefix = InetAddress.getByName(address).getAddress();
            int bits = slash < 0 ? prefix.length * 8 : Integer.parseInt(text.substring(slash + 1));
            if (bits < 0 || bits > prefix.length * 8) {
                throw new IllegalArgumentException("Bad prefix length: " + cidr);
            }
            return new CidrRange(prefix, bits);
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException("Not a CIDR network: " + cidr, e);
        }
    }

    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != prefix.length) {
            return false;
        }
        int full = bits / 8;
        for (int i = 0; i < full; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        int rest = bits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (bytes[full] & mask) == (prefix[full] & mask);
    }
}
