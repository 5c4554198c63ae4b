package org.observatory.registry.instance;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * An instance's base URL as registered, cleaned up, and its comparison key.
 *
 * <p>{@code url} is what the crawler fetches: lower-case scheme and host, no trailing dot, no default port,
 * no trailing slash, no query or fragment. {@code key} also drops the scheme and a leading {@code www.},
 * so that {@code https://www.Example.org./indico/} and {@code http://example.org:80/indico} are one server.
 */
public record InstanceUrl(String url, String key) {

    static final int MAX_LENGTH = 2048;

    /** Parses a submitted URL, or empty when it is not an absolute http(s) URL with a host and no credentials. */
    public static Optional<InstanceUrl> parse(String raw) {
        if (raw == null || raw.isBlank() || raw.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(raw.trim());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.empty();
        }
        // Credentials in a URL would be sent by the crawler: refuse them instead.
        if (uri.getRawUserInfo() != null || uri.getHost() == null) {
            return Optional.empty();
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        while (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.isEmpty()) {
            return Optional.empty();
        }
        try {
            host = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        String authority = defaultPort ? host : host + ":" + port;
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String keyHost = host.startsWith("www.") ? host.substring(4) : host;
        // In the key the port stays only when it is not a default one: http on 443 or https on 80 are odd
        // enough to be kept apart.
        String keyAuthority = defaultPort ? keyHost : keyHost + ":" + port;
        return Optional.of(new InstanceUrl(scheme + "://" + authority + path, keyAuthority + path));
    }
}
