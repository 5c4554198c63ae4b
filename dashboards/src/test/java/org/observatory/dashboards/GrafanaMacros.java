package org.observatory.dashboards;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Expands Grafana's PostgreSQL macros and dashboard variables the way the datasource does before it sends a query
 * ({@code $__timeFilter}, {@code $__time}, {@code $__timeGroup}, {@code $__timeGroupAlias}, {@code $__timeFrom},
 * {@code $__timeTo}, {@code $__interval}), for a fixed time range.
 */
final class GrafanaMacros {

    private static final Pattern MACRO = Pattern.compile("\\$__(timeFilter|timeGroupAlias|timeGroup|time|timeFrom|timeTo|unixEpochFilter)\\(([^()]*)\\)");
    private static final Pattern INTERVAL = Pattern.compile("'?(\\d+)(ms|s|m|h|d|w)'?");

    private final Instant from;
    private final Instant to;
    private final Map<String, String> variables = new LinkedHashMap<>();

    GrafanaMacros(Instant from, Instant to) {
        this.from = from;
        this.to = to;
    }

    /** A multi-value variable with "All" selected: every value, quoted, as Grafana writes them into IN (...). */
    void variable(String name, List<String> values) {
        variables.put(name, values.stream().map(v -> "'" + (v == null ? "" : v.replace("'", "''")) + "'").collect(Collectors.joining(",")));
    }

    String expand(String sql) {
        String out = sql.replace("$__interval_ms", String.valueOf(interval().toMillis())).replace("$__interval", "'" + interval().toSeconds() + "s'");
        for (Map.Entry<String, String> v : variables.entrySet()) {
            out = out.replace("${" + v.getKey() + "}", v.getValue()).replaceAll("\\$" + v.getKey() + "\\b", Matcher.quoteReplacement(v.getValue()));
        }
        Matcher m = MACRO.matcher(out);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String[] args = m.group(2).split(",");
            String column = args[0].trim();
            String replacement = switch (m.group(1)) {
                case "timeFilter" -> column + " BETWEEN '" + from + "' AND '" + to + "'";
                case "time" -> column + " AS \"time\"";
                case "timeFrom" -> "'" + from + "'";
                case "timeTo" -> "'" + to + "'";
                case "timeGroup" -> group(column, args[1]);
                case "timeGroupAlias" -> group(column, args[1]) + " AS \"time\"";
                case "unixEpochFilter" -> column + " >= " + from.getEpochSecond() + " AND " + column + " <= " + to.getEpochSecond();
                default -> throw new IllegalArgumentException(m.group());
            };
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        if (sb.indexOf("$") >= 0 && Pattern.compile("\\$[A-Za-z_]").matcher(sb).find()) {
            throw new IllegalArgumentException("unexpanded macro or variable in: " + sb);
        }
        return sb.toString();
    }

    private static String group(String column, String intervalText) {
        long seconds = seconds(intervalText.trim());
        return "floor(extract(epoch from " + column + ")/" + seconds + ")*" + seconds;
    }

    private static long seconds(String text) {
        Matcher m = INTERVAL.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not an interval: " + text);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Math.max(1, n / 1000);
            case "s" -> n;
            case "m" -> n * 60;
            case "h" -> n * 3600;
            case "d" -> n * 86400;
            default -> n * 7 * 86400;
        };
    }

    /** Grafana picks about 1000 points over the range, rounded; an hour is what a 30-day range gets. */
    private Duration interval() {
        long seconds = Math.max(60, Duration.between(from, to).toSeconds() / 1000);
        return Duration.ofSeconds(seconds >= 1800 ? 3600 : seconds);
    }
}
