package org.observatory.bench.ixp;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Generates a PeeringDB timeline at real scale: about 1,300 IXs, 35,000 networks and 40,000 netixlan rows,
 * with joins, leaves, rejoins and soft-delete resurrections between months, and writes each month as a CAIDA
 * dump (one JSON object keyed by type, with the other object types a real dump carries).
 */
final class SnapshotGenerator {

    static final int IXS = 1_300;
    static final int NETS = 35_000;
    static final int PAIRS = 38_000;
    static final int EXTRA_PORTS = 2_000;
    static final int ORGS = 27_000;

    private static final String[] COUNTRIES = {"US", "DE", "BR", "GB", "FR", "NL", "RU", "IN", "JP", "AU", "CA", "IT",
            "ES", "PL", "ID", "ZA", "AR", "CL", "CO", "MX", "SE", "CH", "AT", "CZ", "UA", "TR", "KE", "NG", "SG", "HK",
            "KR", "TW", "NZ", "PH", "TH", "VN", "MY", "BD", "PK", "EG", "MA", "TZ", "UG", "GH", "PT", "BE", "DK", "NO",
            "FI", "IE", "RO", "BG", "HU", "GR", "RS", "HR", "SK", "SI", "LT", "LV", "EE", "IS", "LU", "IL", "AE", "SA",
            "IR", "KZ", "PE", "EC", "BO", "PY", "UY", "VE", "CR", "PA", "GT", "DO", "PR", "NP", "LK", "KH", "MN", "FJ"};

    record Ix(long id, String name, String country, String created) {
    }

    record Net(long id, long asn, String country, String created) {
    }

    record Port(long id, long ix, long asn, long speed, boolean rsPeer, String created) {
    }

    private final Random random = new Random(20260101);
    final List<Ix> ixs = new ArrayList<>();
    final List<Net> nets = new ArrayList<>();
    /** The netixlan rows of each month, oldest first. */
    final List<List<Port>> months = new ArrayList<>();
    final List<LocalDate> monthDays = new ArrayList<>();
    private long nextPortId = 1;

    SnapshotGenerator(LocalDate firstMonth, int monthCount) {
        for (int i = 1; i <= IXS; i++) {
            ixs.add(new Ix(i, "IX-" + i, weightedCountry(), date(2000 + random.nextInt(24))));
        }
        Set<Long> asns = new HashSet<>();
        while (asns.size() < NETS) {
            asns.add((long) (random.nextInt(10) < 6 ? 1 + random.nextInt(64_000) : 131_072 + random.nextInt(300_000)));
        }
        long netId = 1;
        for (long asn : asns) {
            nets.add(new Net(netId++, asn, weightedCountry(), date(1998 + random.nextInt(27))));
        }
        double[] ixWeights = zipf(IXS, 0.7);
        double[] netWeights = zipf(NETS, 0.6);
        Map<Long, Port> pairs = new LinkedHashMap<>();
        while (pairs.size() < PAIRS) {
            Ix ix = ixs.get(pick(ixWeights));
            Net net = nets.get(pick(netWeights));
            long key = ix.id() * 10_000_000_000L + net.asn();
            if (!pairs.containsKey(key)) {
                pairs.put(key, port(ix.id(), net.asn(), date(2005 + random.nextInt(20))));
            }
        }
        List<Port> base = new ArrayList<>(pairs.values());
        List<Port> pool = new ArrayList<>(base);
        for (int i = 0; i < EXTRA_PORTS; i++) {
            Port other = pool.get(random.nextInt(pool.size()));
            base.add(port(other.ix(), other.asn(), other.created()));
        }
        months.add(base);
        monthDays.add(firstMonth.withDayOfMonth(1 + random.nextInt(3)));
        Map<Long, List<Port>> left = new HashMap<>();
        for (int m = 1; m < monthCount; m++) {
            LocalDate month = firstMonth.plusMonths(m);
            monthDays.add(month.withDayOfMonth(1 + random.nextInt(3)));
            months.add(evolve(months.get(m - 1), left, month));
        }
    }

    /** Next month: about 1.2% of memberships leave, 1.5% join, 0.1% rejoin and 0.1% come back resurrected. */
    private List<Port> evolve(List<Port> previous, Map<Long, List<Port>> left, LocalDate month) {
        Map<Long, List<Port>> byPair = new LinkedHashMap<>();
        for (Port p : previous) {
            byPair.computeIfAbsent(p.ix() * 10_000_000_000L + p.asn(), k -> new ArrayList<>()).add(p);
        }
        List<Long> keys = new ArrayList<>(byPair.keySet());
        int leaves = keys.size() * 12 / 1000;
        for (int i = 0; i < leaves; i++) {
            Long key = keys.get(random.nextInt(keys.size()));
            List<Port> gone = byPair.remove(key);
            if (gone != null) {
                left.put(key, gone);
            }
        }
        List<Long> returning = new ArrayList<>(left.keySet());
        int comebacks = Math.min(returning.size(), keys.size() * 2 / 1000);
        for (int i = 0; i < comebacks; i++) {
            Long key = returning.get(random.nextInt(returning.size()));
            List<Port> ports = left.remove(key);
            if (ports == null || byPair.containsKey(key)) {
                continue;
            }
            boolean resurrect = random.nextBoolean();
            String created = resurrect ? ports.get(0).created() : month.plusDays(random.nextInt(20)) + "T12:00:00Z";
            List<Port> back = new ArrayList<>();
            for (Port p : ports) {
                back.add(resurrect ? p : port(p.ix(), p.asn(), created));
            }
            byPair.put(key, back);
        }
        double[] ixWeights = zipf(IXS, 0.7);
        int joins = keys.size() * 15 / 1000;
        for (int added = 0; added < joins; ) {
            Ix ix = ixs.get(pick(ixWeights));
            Net net = nets.get(random.nextInt(nets.size()));
            long key = ix.id() * 10_000_000_000L + net.asn();
            if (!byPair.containsKey(key) && !left.containsKey(key)) {
                byPair.put(key, List.of(port(ix.id(), net.asn(), month.minusDays(1 + random.nextInt(27)) + "T08:30:00.123456Z")));
                added++;
            }
        }
        List<Port> next = new ArrayList<>();
        byPair.values().forEach(next::addAll);
        return next;
    }

    private Port port(long ix, long asn, String created) {
        long[] speeds = {1_000, 10_000, 10_000, 10_000, 100_000, 100_000, 400_000};
        return new Port(nextPortId++, ix, asn, speeds[random.nextInt(speeds.length)], random.nextInt(10) < 7, created);
    }

    private String date(int year) {
        return LocalDate.of(year, 1 + random.nextInt(12), 1 + random.nextInt(28)) + "T00:00:00Z";
    }

    private String weightedCountry() {
        // the first countries carry most IXs and networks, as in PeeringDB
        int i = (int) Math.min(COUNTRIES.length - 1, Math.floor(-Math.log(1 - random.nextDouble()) * 12));
        return COUNTRIES[i];
    }

    private static double[] zipf(int n, double s) {
        double[] cumulative = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += 1 / Math.pow(i + 1, s);
            cumulative[i] = sum;
        }
        for (int i = 0; i < n; i++) {
            cumulative[i] /= sum;
        }
        return cumulative;
    }

    private int pick(double[] cumulative) {
        double r = random.nextDouble();
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] < r) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Writes month {@code m} as a dump, with fields and object types of a real one. */
    void writeDump(int m, Path file) {
        JsonFactory factory = new JsonFactory();
        try {
            Files.createDirectories(file.getParent());
            try (JsonGenerator g = factory.createGenerator(file.toFile(), JsonEncoding.UTF8)) {
                String updated = monthDays.get(m) + "T00:00:00Z";
                g.writeStartObject();
                g.writeObjectFieldStart("org");
                g.writeArrayFieldStart("data");
                for (int i = 1; i <= ORGS; i++) {
                    g.writeStartObject();
                    g.writeNumberField("id", i);
                    g.writeStringField("name", "Organisation " + i);
                    g.writeStringField("website", "https://org" + i + ".example");
                    g.writeStringField("address1", i + " Example Street");
                    g.writeStringField("city", "City " + (i % 500));
                    g.writeStringField("country", COUNTRIES[i % COUNTRIES.length]);
                    g.writeStringField("created", "2010-07-29T00:00:00Z");
                    g.writeStringField("updated", updated);
                    g.writeStringField("status", "ok");
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();

                g.writeObjectFieldStart("ix");
                g.writeArrayFieldStart("data");
                for (Ix ix : ixs) {
                    g.writeStartObject();
                    g.writeNumberField("id", ix.id());
                    g.writeNumberField("org_id", 1 + ix.id() % ORGS);
                    g.writeStringField("name", ix.name());
                    g.writeStringField("aka", "");
                    g.writeStringField("name_long", ix.name() + " Internet Exchange");
                    g.writeStringField("city", "City of " + ix.name());
                    g.writeStringField("country", ix.country());
                    g.writeStringField("region_continent", "Europe");
                    g.writeStringField("media", "Ethernet");
                    g.writeStringField("notes", "");
                    g.writeBooleanField("proto_unicast", true);
                    g.writeBooleanField("proto_multicast", false);
                    g.writeBooleanField("proto_ipv6", true);
                    g.writeStringField("website", "https://" + ix.name().toLowerCase() + ".example");
                    g.writeStringField("url_stats", "");
                    g.writeStringField("tech_email", "noc@" + ix.name().toLowerCase() + ".example");
                    g.writeStringField("tech_phone", "+4930123456");
                    g.writeStringField("policy_email", "policy@" + ix.name().toLowerCase() + ".example");
                    g.writeStringField("policy_phone", "");
                    g.writeStringField("sales_email", "");
                    g.writeStringField("sales_phone", "");
                    g.writeNumberField("net_count", 0);
                    g.writeNumberField("fac_count", 1);
                    g.writeStringField("service_level", "Not Disclosed");
                    g.writeStringField("terms", "Not Disclosed");
                    g.writeStringField("created", ix.created());
                    g.writeStringField("updated", updated);
                    g.writeStringField("status", "ok");
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();

                g.writeObjectFieldStart("ixlan");
                g.writeArrayFieldStart("data");
                for (Ix ix : ixs) {
                    g.writeStartObject();
                    g.writeNumberField("id", ix.id());
                    g.writeNumberField("ix_id", ix.id());
                    g.writeStringField("name", "");
                    g.writeNumberField("mtu", 1500);
                    g.writeBooleanField("dot1q_support", false);
                    g.writeStringField("created", ix.created());
                    g.writeStringField("updated", updated);
                    g.writeStringField("status", "ok");
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();

                g.writeObjectFieldStart("net");
                g.writeArrayFieldStart("data");
                for (Net net : nets) {
                    g.writeStartObject();
                    g.writeNumberField("id", net.id());
                    g.writeNumberField("org_id", 1 + net.id() % ORGS);
                    g.writeStringField("name", "Network AS" + net.asn());
                    g.writeStringField("aka", "");
                    g.writeStringField("name_long", "");
                    g.writeStringField("website", "https://as" + net.asn() + ".example");
                    g.writeNumberField("asn", net.asn());
                    g.writeStringField("looking_glass", "");
                    g.writeStringField("route_server", "");
                    g.writeStringField("irr_as_set", "AS-" + net.asn());
                    g.writeStringField("info_type", net.id() % 3 == 0 ? "Content" : "NSP");
                    g.writeNumberField("info_prefixes4", net.id() % 500);
                    g.writeNumberField("info_prefixes6", net.id() % 50);
                    g.writeStringField("info_traffic", "1-5Gbps");
                    g.writeStringField("info_ratio", "Balanced");
                    g.writeStringField("info_scope", "Regional");
                    g.writeBooleanField("info_unicast", true);
                    g.writeBooleanField("info_multicast", false);
                    g.writeBooleanField("info_ipv6", true);
                    g.writeBooleanField("info_never_via_route_servers", false);
                    g.writeStringField("notes", "");
                    g.writeStringField("policy_url", "");
                    g.writeStringField("policy_general", net.id() % 4 == 0 ? "Selective" : "Open");
                    g.writeStringField("policy_locations", "Not Required");
                    g.writeBooleanField("policy_ratio", false);
                    g.writeStringField("policy_contracts", "Not Required");
                    g.writeBooleanField("allow_ixp_update", true);
                    g.writeStringField("created", net.created());
                    g.writeStringField("updated", updated);
                    g.writeStringField("status", "ok");
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();

                g.writeObjectFieldStart("netixlan");
                g.writeArrayFieldStart("data");
                for (Port p : months.get(m)) {
                    g.writeStartObject();
                    g.writeNumberField("id", p.id());
                    g.writeNumberField("net_id", p.asn());
                    g.writeNumberField("ix_id", p.ix());
                    g.writeStringField("name", "IX-" + p.ix());
                    g.writeNumberField("ixlan_id", p.ix());
                    g.writeStringField("notes", "");
                    g.writeNumberField("speed", p.speed());
                    g.writeNumberField("asn", p.asn());
                    g.writeStringField("ipaddr4", "10." + (p.ix() % 250) + "." + (p.id() / 250 % 250) + "." + (p.id() % 250));
                    g.writeStringField("ipaddr6", "2001:db8:" + Long.toHexString(p.ix()) + "::" + Long.toHexString(p.id()));
                    g.writeBooleanField("is_rs_peer", p.rsPeer());
                    g.writeBooleanField("bfd_support", false);
                    g.writeBooleanField("operational", true);
                    g.writeStringField("created", p.created());
                    g.writeStringField("updated", updated);
                    g.writeStringField("status", "ok");
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
                g.writeEndObject();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** RIR delegated-extended lines for every generated ASN: 2% no longer assigned. */
    String delegatedFile() {
        StringBuilder out = new StringBuilder("2.3|bench|20260101|" + nets.size() + "|19930101|20260101|+0000\n");
        for (Net net : nets) {
            boolean gone = net.id() % 50 == 0;
            out.append("ripencc|").append(gone ? "" : net.country()).append("|asn|").append(net.asn()).append("|1|")
                    .append(gone ? "" : "20000101").append('|').append(gone ? "available" : "assigned").append("|bench\n");
        }
        return out.toString();
    }

    /** 80% of ASNs are routed. */
    String routedList() {
        StringBuilder out = new StringBuilder();
        for (Net net : nets) {
            if (net.id() % 5 != 0) {
                out.append(net.asn()).append('\n');
            }
        }
        return out.toString();
    }

    /** About 50,000 provider-customer links. */
    String customerLinks() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 50_000; i++) {
            Net provider = nets.get(random.nextInt(2_000));
            Net customer = nets.get(random.nextInt(nets.size()));
            if (provider.asn() != customer.asn()) {
                out.append(provider.asn()).append('|').append(customer.asn()).append("|-1\n");
            }
        }
        return out.toString();
    }
}
