package org.observatory.ixp.registry;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code asn} lines of an RIR delegated-extended statistics file
 * ({@code registry|cc|type|start|value|date|status|opaque-id|...}), expanding ranges into single ASNs.
 * Header, summary, comment and other-type lines are passed over.
 */
public final class DelegatedFileParser {

    /** Ranges larger than this are never-assigned pool blocks: expanding them would add nothing. */
    static final long MAX_RANGE = 100_000;

    private static final DateTimeFormatter BASIC = DateTimeFormatter.BASIC_ISO_DATE;

    private DelegatedFileParser() {
    }

    /**
     * Adds the file's registrations to {@code out} (a later line for the same ASN wins). A registration dated
     * after {@code asOf} did not exist yet and is left out.
     *
     * @return the number of ASN lines read
     */
    public static int parse(String text, LocalDate asOf, Map<Long, AsnRegistration> out) {
        int lines = 0;
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] f = trimmed.split("\\|", -1);
            if (f.length < 7 || !"asn".equals(f[2]) || "*".equals(f[1]) || "summary".equals(f[5])) {
                continue;
            }
            long start;
            long count;
            try {
                start = Long.parseLong(f[3]);
                count = Long.parseLong(f[4]);
            } catch (NumberFormatException e) {
                continue;
            }
            if (count < 1 || count > MAX_RANGE) {
                continue;
            }
            LocalDate date = date(f[5]);
            String status = f[6].toLowerCase();
            if (date != null && asOf != null && date.isAfter(asOf)
                    && ("assigned".equals(status) || "allocated".equals(status))) {
                continue;
            }
            String country = f[1].isBlank() || "ZZ".equalsIgnoreCase(f[1]) ? null : f[1].toUpperCase();
            lines++;
            for (long asn = start; asn < start + count; asn++) {
                out.put(asn, new AsnRegistration(asn, f[0], country, status, date));
            }
        }
        return lines;
    }

    private static LocalDate date(String text) {
        if (text.isBlank() || text.startsWith("0000")) {
            return null;
        }
        try {
            return LocalDate.parse(text, BASIC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Reads a list of ASNs, one per line ({@code 64500} or {@code AS64500}, extra columns ignored). */
    public static java.util.Set<Long> parseAsnList(String text) {
        java.util.Set<Long> asns = new java.util.HashSet<>();
        for (String line : text.split("\n")) {
            String first = line.strip().split("[\\s,;|]+", 2)[0];
            if (first.isEmpty() || first.startsWith("#")) {
                continue;
            }
            if (first.regionMatches(true, 0, "AS", 0, 2)) {
                first = first.substring(2);
            }
            try {
                asns.add(Long.parseLong(first));
            } catch (NumberFormatException e) {
                // a header or a comment line
            }
        }
        return asns;
    }

    /** Reads CAIDA AS-relationship lines {@code provider|customer|-1}; peer links ({@code 0}) are not customers. */
    public static List<CustomerLink> parseCustomerLinks(String text) {
        List<CustomerLink> links = new java.util.ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.strip().split("\\|");
            if (f.length < 3 || f[0].startsWith("#") || !"-1".equals(f[2].strip())) {
                continue;
            }
            try {
                links.add(new CustomerLink(Long.parseLong(f[0].strip()), Long.parseLong(f[1].strip())));
            } catch (NumberFormatException e) {
                // not a relationship line
            }
        }
        return links;
    }
}
