package org.observatory.gateway.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/** The route table from configuration, compiled once; answers which rules a request falls under. */
@ApplicationScoped
public class RouteTable {

    private static final Pattern MATRIX_PARAMETERS = Pattern.compile(";[^/]*");
    private static final Pattern REPEATED_SLASHES = Pattern.compile("/{2,}");

    private final List<RouteRule> rules;
    private final boolean enabled;

    @Inject
    public RouteTable(AccessConfig config) {
        this(config.enabled(), config.rules().entrySet().stream()
                .sorted(java.util.Map.Entry.comparingByKey())
                .map(e -> RouteRule.of(e.getKey(), e.getValue().methods(), e.getValue().path(), e.getValue().role(),
                        e.getValue().legacySchemes().orElse(List.of())))
                .toList());
    }

    RouteTable(boolean enabled, List<RouteRule> rules) {
        this.enabled = enabled;
        this.rules = rules.stream().sorted(Comparator.comparing(RouteRule::name)).toList();
    }

    /** Every rule that {@code method} on {@code path} (already normalised) falls under. */
    List<RouteRule> matching(String method, String path) {
        if (!enabled) {
            return List.of();
        }
        List<RouteRule> out = new ArrayList<>(2);
        for (RouteRule rule : rules) {
            if (rule.matches(method, path)) {
                out.add(rule);
            }
        }
        return out;
    }

    /**
     * The path as the backend will resolve it: dot segments resolved, repeated slashes and matrix parameters
     * dropped, so that {@code /logs//txlog;x} or {@code /ixp/../logs/txlog} cannot slip past a rule.
     */
    static String canonical(String normalizedPath) {
        if (normalizedPath.indexOf(';') < 0 && !normalizedPath.contains("//") && !normalizedPath.isEmpty()) {
            return normalizedPath; // the usual path: nothing to drop, no regular expression run on every request
        }
        String path = REPEATED_SLASHES.matcher(MATRIX_PARAMETERS.matcher(normalizedPath).replaceAll("")).replaceAll("/");
        return path.isEmpty() ? "/" : path;
    }
}
