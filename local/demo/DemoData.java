// Fills a running local suite with plausible demo data through its public APIs (the registry's instances come
// from registry.sql beside this file, because locations and crawl results are not something a client posts).
//
//   java local/demo/DemoData.java <gateway-url> <issuer-url>
//
// Deterministic (one seeded random), idempotent (each part is skipped when its data is already there), and
// recent: every series ends today, so the console's default ranges show it.
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class DemoData {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    static final Random RANDOM = new Random(13);
    static String gateway;
    static String issuer;

    public static void main(String[] args) throws Exception {
        // ./observatory passes both (from local/ports.env); no defaults here, so no second copy of the ports.
        if (args.length != 2) {
            System.err.println("usage: java local/demo/DemoData.java <gateway-url> <issuer-url>");
            System.exit(2);
        }
        gateway = args[0];
        issuer = args[1];
        String agent = token("grant_type=client_credentials&client_id=measurement-agent&client_secret=local-agent-secret");
        String admin = token("grant_type=password&client_id=observatory-web&username=admin&password=admin&scope=openid");
        ixps(admin);
        measurements(agent);
        traffic(agent, admin);
        System.out.println("    demo data loaded");
    }

    // --- IXPs: two years of monthly PeeringDB dumps in CAIDA's layout ----------------------------------------

    static final String[][] IXPS = {
        {"DE-CIX Frankfurt", "Frankfurt", "DE"}, {"AMS-IX", "Amsterdam", "NL"}, {"LINX LON1", "London", "GB"},
        {"France-IX Paris", "Paris", "FR"}, {"Equinix Ashburn", "Ashburn", "US"}, {"NYIIX", "New York", "US"},
        {"IX.br São Paulo", "São Paulo", "BR"}, {"JPNAP Tokyo", "Tokyo", "JP"}, {"NAPAfrica Johannesburg", "Johannesburg", "ZA"},
        {"KIXP Nairobi", "Nairobi", "KE"}, {"Mumbai IX", "Mumbai", "IN"}, {"IX Australia Sydney", "Sydney", "AU"},
        {"SGIX", "Singapore", "SG"}, {"Netnod Stockholm", "Stockholm", "SE"}, {"SwissIX", "Zurich", "CH"},
        {"MIX Milan", "Milan", "IT"}, {"ESpanix", "Madrid", "ES"}, {"Thinx Warsaw", "Warsaw", "PL"},
        {"TorIX", "Toronto", "CA"}, {"IXP Mexico", "Mexico City", "MX"}, {"IXPN Lagos", "Lagos", "NG"},
        {"IIX Jakarta", "Jakarta", "ID"}, {"CABASE Buenos Aires", "Buenos Aires", "AR"}, {"NIX.CZ", "Prague", "CZ"},
        {"VIX Vienna", "Vienna", "AT"}, {"NIX Oslo", "Oslo", "NO"}, {"FICIX Helsinki", "Helsinki", "FI"},
        {"DIX Copenhagen", "Copenhagen", "DK"}, {"HKIX", "Hong Kong", "HK"}, {"Istanbul IX", "Istanbul", "TR"},
        {"BKNIX", "Bangkok", "TH"}, {"UAE-IX", "Dubai", "AE"}};
    static final int NETWORKS = 420;
    static final int MONTHS = 24;

    static void ixps(String admin) throws Exception {
        if (count(get(gateway + "/ixp/ixps?limit=1"), "\"total\":(\\d+)") > 0) {
            System.out.println("    IXPs: already there");
            return;
        }
        YearMonth last = YearMonth.now(ZoneOffset.UTC);
        YearMonth first = last.minusMonths(MONTHS - 1);
        // Each IXP grows from a starting size towards a target; a few members leave each year.
        int[][] joinMonth = new int[IXPS.length][NETWORKS];
        int[][] leaveMonth = new int[IXPS.length][NETWORKS];
        long[][] speed = new long[IXPS.length][NETWORKS];
        for (int ix = 0; ix < IXPS.length; ix++) {
            int size = 6 + (int) (Math.pow(RANDOM.nextDouble(), 2) * 140);
            for (int n = 0; n < NETWORKS; n++) {
                joinMonth[ix][n] = -1;
                leaveMonth[ix][n] = Integer.MAX_VALUE;
                if (RANDOM.nextInt(NETWORKS) < size) {
                    joinMonth[ix][n] = RANDOM.nextDouble() < 0.6 ? 0 : RANDOM.nextInt(MONTHS);
                    if (RANDOM.nextDouble() < 0.12) {
                        leaveMonth[ix][n] = joinMonth[ix][n] + 2 + RANDOM.nextInt(MONTHS);
                    }
                    speed[ix][n] = new long[] {1000, 10000, 10000, 100000, 400000}[RANDOM.nextInt(5)];
                }
            }
        }
        for (int m = 0; m < MONTHS; m++) {
            YearMonth month = first.plusMonths(m);
            StringBuilder dump = new StringBuilder("{\"ix\":{\"data\":[");
            for (int ix = 0; ix < IXPS.length; ix++) {
                dump.append(ix == 0 ? "" : ",").append(String.format(Locale.ROOT,
                        "{\"id\":%d,\"org_id\":%d,\"name\":\"%s\",\"name_long\":\"%s Internet Exchange\",\"city\":\"%s\",\"country\":\"%s\","
                                + "\"website\":\"https://ix%d.example.net/\",\"created\":\"2012-03-01T00:00:00Z\",\"updated\":\"2024-01-01T00:00:00Z\",\"status\":\"ok\"}",
                        ix + 1, 100 + ix, IXPS[ix][0], IXPS[ix][0], IXPS[ix][1], IXPS[ix][2], ix + 1));
            }
            dump.append("]},\"net\":{\"data\":[");
            for (int n = 0; n < NETWORKS; n++) {
                dump.append(n == 0 ? "" : ",").append(String.format(Locale.ROOT,
                        "{\"id\":%d,\"asn\":%d,\"name\":\"Demo Network %d\",\"info_type\":\"%s\",\"policy_general\":\"%s\",\"created\":\"2010-01-01T00:00:00Z\",\"updated\":\"2024-01-01T00:00:00Z\",\"status\":\"ok\"}",
                        n + 1, 64500 + n * 7, n + 1, new String[] {"NSP", "Content", "Cable/DSL/ISP", "Enterprise", "Educational/Research"}[n % 5],
                        new String[] {"Open", "Selective", "Restrictive"}[n % 3]));
            }
            dump.append("]},\"netixlan\":{\"data\":[");
            int id = 0;
            for (int ix = 0; ix < IXPS.length; ix++) {
                for (int n = 0; n < NETWORKS; n++) {
                    if (joinMonth[ix][n] < 0 || joinMonth[ix][n] > m || leaveMonth[ix][n] <= m) {
                        continue;
                    }
                    String created = first.plusMonths(joinMonth[ix][n]).atDay(3) + "T10:00:00Z";
                    dump.append(id == 0 ? "" : ",").append(String.format(Locale.ROOT,
                            "{\"id\":%d,\"net_id\":%d,\"ix_id\":%d,\"ixlan_id\":%d,\"asn\":%d,\"speed\":%d,\"is_rs_peer\":%b,\"created\":\"%s\",\"updated\":\"%s\",\"status\":\"ok\"}",
                            ix * NETWORKS + n + 1, n + 1, ix + 1, ix + 1, 64500 + n * 7, speed[ix][n], (n + ix) % 3 != 0, created, created));
                    id++;
                }
            }
            dump.append("]}}");
            send("POST", gateway + "/ixp/imports/upload/" + month + "?wait=true", admin, "application/json", dump.toString(), 200);
        }
        send("POST", gateway + "/ixp/stats/generate?from=" + first + "&to=" + last, admin, null, "", 200);
        System.out.println("    IXPs: " + IXPS.length + " exchanges, " + MONTHS + " months of members and statistics");
    }

    // --- Measurements: perfSONAR throughput, loss and delay between demo hosts --------------------------------

    static final String[][] PAIRS = {
        {"192.0.2.10", "ps-fra.example.net", "198.51.100.20", "ps-ams.example.net"},
        {"198.51.100.20", "ps-ams.example.net", "203.0.113.30", "ps-lon.example.net"},
        {"203.0.113.30", "ps-lon.example.net", "192.0.2.40", "ps-nyc.example.net"},
        {"192.0.2.40", "ps-nyc.example.net", "192.0.2.10", "ps-fra.example.net"}};

    static void measurements(String agent) throws Exception {
        if (get(gateway + "/esmond/perfsonar/archive/?tool-name=pscheduler/iperf3&limit=1").contains("metadata-key")) {
            System.out.println("    measurements: already there");
            return;
        }
        long end = Instant.now().truncatedTo(ChronoUnit.HOURS).getEpochSecond();
        long start = end - 30L * 86400;
        for (int p = 0; p < PAIRS.length; p++) {
            String[] pair = PAIRS[p];
            double base = 2e9 + p * 1.5e9;
            String thr = create(agent, pair, "pscheduler/iperf3", "tcp",
                    "{\"event-type\":\"throughput\",\"summaries\":[{\"summary-type\":\"aggregation\",\"summary-window\":\"86400\"},{\"summary-type\":\"average\",\"summary-window\":\"86400\"}]},"
                            + "{\"event-type\":\"packet-retransmits\",\"summaries\":[]},{\"event-type\":\"failures\",\"summaries\":[]}");
            StringBuilder bulk = new StringBuilder("{\"data\":[");
            int i = 0;
            for (long ts = start; ts <= end; ts += 4 * 3600, i++) {
                double dip = (ts / 86400) % 9 == p ? 0.35 : 1.0;
                long v = (long) (base * dip * (0.85 + 0.15 * RANDOM.nextDouble()));
                bulk.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT,
                        "{\"ts\":%d,\"val\":[{\"event-type\":\"throughput\",\"val\":%d},{\"event-type\":\"packet-retransmits\",\"val\":%d}]}",
                        ts, v, RANDOM.nextInt(dip < 1 ? 400 : 30)));
            }
            send("PUT", gateway + "/esmond/perfsonar/archive/" + thr + "/", agent, "application/json", bulk.append("]}").toString(), 201);

            String owd = create(agent, pair, "pscheduler/powstream", "udp",
                    "{\"event-type\":\"histogram-owdelay\",\"summaries\":[{\"summary-type\":\"aggregation\",\"summary-window\":\"3600\"},{\"summary-type\":\"statistics\",\"summary-window\":\"0\"}]},"
                            + "{\"event-type\":\"packet-loss-rate\",\"summaries\":[{\"summary-type\":\"aggregation\",\"summary-window\":\"3600\"}]},"
                            + "{\"event-type\":\"packet-count-lost\",\"summaries\":[]},{\"event-type\":\"packet-count-sent\",\"summaries\":[]}");
            bulk = new StringBuilder("{\"data\":[");
            i = 0;
            double delay = 4 + p * 18;
            for (long ts = start; ts <= end; ts += 3600, i++) {
                boolean congested = (ts / 3600) % 24 >= 18 && (ts / 3600) % 24 <= 21;
                int sent = 600;
                int lost = congested ? RANDOM.nextInt(9) : (RANDOM.nextInt(20) == 0 ? 1 : 0);
                StringBuilder hist = new StringBuilder("{");
                double centre = delay + (congested ? 3 : 0);
                for (int b = 0; b < 5; b++) {
                    hist.append(b == 0 ? "" : ",").append(String.format(Locale.ROOT, "\"%.2f\":%d", centre + b * 0.25, new int[] {90, 250, 160, 70, 30}[b]));
                }
                bulk.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT,
                        "{\"ts\":%d,\"val\":[{\"event-type\":\"histogram-owdelay\",\"val\":%s},{\"event-type\":\"packet-loss-rate\",\"val\":{\"numerator\":%d,\"denominator\":%d}},"
                                + "{\"event-type\":\"packet-count-lost\",\"val\":%d},{\"event-type\":\"packet-count-sent\",\"val\":%d}]}",
                        ts, hist.append("}"), lost, sent, lost, sent));
            }
            send("PUT", gateway + "/esmond/perfsonar/archive/" + owd + "/", agent, "application/json", bulk.append("]}").toString(), 201);
        }
        System.out.println("    measurements: " + PAIRS.length + " host pairs, 30 days of throughput, loss and delay");
    }

    static String create(String agent, String[] pair, String tool, String protocol, String eventTypes) throws Exception {
        String body = String.format(Locale.ROOT, "{\"subject-type\":\"point-to-point\",\"source\":\"%s\",\"destination\":\"%s\",\"tool-name\":\"%s\","
                + "\"measurement-agent\":\"%s\",\"input-source\":\"%s\",\"input-destination\":\"%s\",\"ip-transport-protocol\":\"%s\","
                + "\"time-duration\":\"%s\",\"event-types\":[%s]}",
                pair[0], pair[2], tool, pair[0], pair[1], pair[3], protocol, tool.endsWith("iperf3") ? "20" : "60", eventTypes);
        String answer = send("POST", gateway + "/esmond/perfsonar/archive/", agent, "application/json", body, 201);
        Matcher m = Pattern.compile("\"metadata-key\"\\s*:\\s*\"([0-9A-Fa-f]+)\"").matcher(answer);
        if (!m.find()) {
            throw new IllegalStateException("no metadata-key in " + answer);
        }
        return m.group(1);
    }

    // --- Traffic: 30 days of ringserver TX logs from clients in several countries ------------------------------

    // Addresses the MaxMind test database locates (GB, SE, US, JP, CN, PH); the rest stay unknown, as they would.
    static final String[][] CLIENTS = {
        {"seis.bgs.example", "81.2.69.142", "SeedLink|slinktool"}, {"dc.snsn.example", "89.160.20.112", "SeedLink|seedlink-client"},
        {"iris-mirror.example", "216.160.83.56", "DataLink|dalitool"}, {"nied.example", "2001:218::1", "SeedLink|SeisComP"},
        {"cea.example", "175.16.199.10", "SeedLink|SeisComP"}, {"phivolcs.example", "202.196.224.5", "SeedLink|slarchive"},
        {"uk-research.example", "2.125.160.216", "SeedLink|ObsPy"}, {"lab.example", "10.20.30.40", "SeedLink|ObsPy"}};
    static final String[][] STREAMS = {
        {"IU", "ANMO", "00", "BHZ"}, {"IU", "ANMO", "00", "BHN"}, {"IU", "SNZO", "10", "BHZ"}, {"IU", "KONO", "00", "BHZ"},
        {"GE", "WLF", "", "BHZ"}, {"GE", "STU", "", "BHZ"}, {"FR", "SURF", "00", "HHZ"}, {"FR", "OGLP", "00", "HHZ"},
        {"CH", "DAVOX", "", "HHZ"}, {"NL", "HGN", "02", "BHZ"}, {"II", "BFO", "00", "BHZ"}, {"G", "SSB", "00", "BHZ"}};

    static void traffic(String agent, String admin) throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        StringBuilder log = new StringBuilder();
        for (int d = 30; d >= 0; d--) {
            LocalDate day = today.minusDays(d);
            for (int c = 0; c < CLIENTS.length; c++) {
                String[] client = CLIENTS[c];
                for (int hour = c % 3; hour < 24; hour += 6) {
                    String at = day.atTime(hour, 0).format(time);
                    log.append("START CLIENT ").append(client[0]).append(" [").append(client[1]).append("] (").append(client[2])
                            .append(") @ ").append(at).append(" (connected ").append(day.minusDays(3).atTime(6, 12, 9).format(time)).append(") TX\n");
                    long total = 0;
                    for (int s = 0; s < STREAMS.length; s++) {
                        if ((s + c) % 3 == 0) {
                            continue;
                        }
                        String[] st = STREAMS[s];
                        long packets = 200 + RANDOM.nextInt(1800) * (st[0].equals("IU") ? 3L : 1L);
                        long bytes = packets * 512;
                        total += bytes;
                        log.append(st[0]).append('_').append(st[1]).append('_').append(st[2]).append('_').append(st[3])
                                .append("/MSEED ").append(bytes).append(' ').append(packets).append('\n');
                    }
                    log.append("END CLIENT ").append(client[0]).append(" [").append(client[1]).append("] total TX bytes: ").append(total).append('\n');
                }
            }
        }
        String report = send("POST", gateway + "/logs/txlog", agent, "text/plain", log.toString(), 200);
        send("POST", gateway + "/logs/rollups/refresh", admin, null, "", 200);
        send("POST", gateway + "/stats/flush", admin, null, "", 200);
        System.out.println("    traffic: " + report.replaceAll("\\s+", " ").substring(0, Math.min(160, report.length())));
    }

    // --- HTTP ---------------------------------------------------------------------------------------------------

    static String token(String form) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(issuer + "/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(r.body());
        if (r.statusCode() != 200 || !m.find()) {
            throw new IllegalStateException("no token from " + issuer + ": " + r.statusCode() + " " + r.body());
        }
        return m.group(1);
    }

    static String get(String url) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? r.body() : "";
    }

    static String send(String method, String url, String token, String type, String body, int expected) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (type != null) {
            b.header("Content-Type", type);
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected && r.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + url + " answered " + r.statusCode() + ": "
                    + r.body().substring(0, Math.min(500, r.body().length())));
        }
        return r.body();
    }

    static long count(String json, String regex) {
        Matcher m = Pattern.compile(regex).matcher(json);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
