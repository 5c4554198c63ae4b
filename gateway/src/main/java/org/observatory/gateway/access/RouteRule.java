package org.observatory.gateway.access;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** One compiled line of the route table: methods, a path pattern, the role they need, the legacy schemes they take. */
record RouteRule(String name, Set<String> methods, Pattern path, String role, Set<String> legacySchemes) {

    static RouteRule of(String name, List<String> methods, String pattern, String role, List<String> legacySchemes) {
        return new RouteRule(name,
                methods.stream().map(m -> m.trim().toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet()),
                compile(pattern), role,
                legacySchemes.stream().map(s -> s.trim().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet()));
    }

    boolean matches(String method, String path) {
        return (methods.contains("*") || methods.contains(method)) && this.path.matcher(path).matches();
    }

    boolean takesLegacy(String scheme) {
        return legacySchemes.contains(scheme.toLowerCase(Locale.ROOT));
    }

    /** {@code /a/*}{@code /b} matches one segment in the middle; {@code /a/**} matches /a, /a/ and all below; a trailing slash is optional. */
    static Pattern compile(String pattern) {
        String p = pattern.endsWith("/") && pattern.length() > 1 ? pattern.substring(0, pattern.length() - 1) : pattern;
        boolean below = p.endsWith("/**");
        if (below) {
            p = p.substring(0, p.length() - 3);
        }
        StringBuilder regex = new StringBuilder();
        String[] parts = p.split("\\*", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append("[^/]+");
            }
            regex.append(Pattern.quote(parts[i]));
        }
        regex.append(below ? "(/.*)?" : "/?");
        return Pattern.compile(regex.toString());
    }
}
