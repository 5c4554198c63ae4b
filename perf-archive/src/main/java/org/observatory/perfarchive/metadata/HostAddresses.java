package org.observatory.perfarchive.metadata;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.observatory.common.problem.ProblemException;

/** Address literals in one canonical spelling, and host names resolved by esmond's dns-match-rule. */
public final class HostAddresses {

    public static final Set<String> RULES = Set.of("v4v6", "only-v4", "only-v6", "prefer-v4", "prefer-v6");
    private static final Pattern V4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern V6 = Pattern.compile("[0-9a-fA-F:.]+(%.+)?");

    private HostAddresses() {
    }

    /** The canonical text of an address literal (so that 2001:DB8::1 and 2001:db8:0::1 match); other text as is. */
    public static String normalise(String host) {
        if (host == null) {
            return null;
        }
        String trimmed = host.trim();
        if (isLiteral(trimmed)) {
            try {
                // A literal never goes to DNS.
                return InetAddress.getByName(trimmed).getHostAddress();
            } catch (UnknownHostException e) {
                return trimmed;
            }
        }
        return trimmed;
    }

    // RFC 1123 labels (underscores tolerated, as some real hosts have them), dot-separated, an optional root dot.
    private static final Pattern HOST_NAME = Pattern.compile(
            "(?=.{1,253}\\.?$)([A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)(\\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*\\.?");

    /**
     * Checks that {@code host} (a source, destination or agent) is a host name or an IP literal, as esmond's
     * clients send them; a path, a URL or anything else is refused before it is stored or resolved.
     */
    public static void requireHost(String field, String host) {
        if (host == null) {
            return;
        }
        String value = host.trim();
        boolean literal;
        if (V4.matcher(value).matches()) {
            // Checked here: an out-of-range "999.1.1.1" would otherwise go to DNS as a name.
            literal = java.util.Arrays.stream(value.split("\\.")).allMatch(octet -> Integer.parseInt(octet) <= 255);
        } else if (isLiteral(value)) {
            try {
                // With a colon, Java parses an IPv6 literal and never asks DNS.
                InetAddress.getByName(value);
                literal = true;
            } catch (UnknownHostException e) {
                literal = false;
            }
        } else {
            literal = false;
        }
        if (!literal && (value.indexOf(':') >= 0 || V4.matcher(value).matches() || !HOST_NAME.matcher(value).matches())) {
            throw ProblemException.invalidField(field, "must be a host name or an IP address");
        }
    }

    /** An IPv4 or IPv6 address as text: resolving it asks no name server. */
    public static boolean isLiteral(String host) {
        return V4.matcher(host).matches() || (host.contains(":") && V6.matcher(host).matches());
    }

    /**
     * The values a stored source/destination/agent may have to match {@code host}: the literal itself, or the
     * name and its addresses under {@code rule}. Resolution blocks, so it runs on a worker thread.
     */
    public static Uni<List<String>> matching(String host, String rule) {
        String value = host.trim();
        if (isLiteral(value)) {
            return Uni.createFrom().item(List.of(normalise(value)));
        }
        return Uni.createFrom().item(() -> resolve(value, rule))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private static List<String> resolve(String name, String rule) {
        InetAddress[] all;
        try {
            all = InetAddress.getAllByName(name);
        } catch (UnknownHostException e) {
            // Not resolvable: only a metadata that stored the name itself can match.
            return List.of(name);
        }
        List<String> v4 = new ArrayList<>();
        List<String> v6 = new ArrayList<>();
        for (InetAddress a : all) {
            if (a instanceof Inet4Address) {
                v4.add(a.getHostAddress());
            } else if (a instanceof Inet6Address) {
                v6.add(normalise(a.getHostAddress().replaceAll("%.*$", "")));
            }
        }
        Set<String> chosen = new LinkedHashSet<>();
        chosen.add(name);
        switch (rule.toLowerCase(Locale.ROOT)) {
            case "only-v4" -> chosen.addAll(v4);
            case "only-v6" -> chosen.addAll(v6);
            case "prefer-v4" -> chosen.addAll(v4.isEmpty() ? v6 : v4);
            case "prefer-v6" -> chosen.addAll(v6.isEmpty() ? v4 : v6);
            case "v4v6" -> {
                chosen.addAll(v4);
                chosen.addAll(v6);
            }
            default -> throw ProblemException.invalidField("dns-match-rule", "must be one of " + RULES);
        }
        return List.copyOf(chosen);
    }
}
