package org.observatory.client.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.observatory.client.ApiClient;
import org.observatory.client.ApiException;
import org.observatory.client.api.GatewayApi;
import org.observatory.client.api.InstanceRegistryApi;
import org.observatory.client.api.IxpServiceApi;
import org.observatory.client.api.LogIngestApi;
import org.observatory.client.api.PerfArchiveApi;
import org.observatory.client.model.EsmondBulkData;
import org.observatory.client.model.EsmondBulkPoint;
import org.observatory.client.model.EsmondBulkValue;
import org.observatory.client.model.EsmondMetadata;
import org.observatory.client.model.EsmondNewEventType;
import org.observatory.client.model.EsmondNewMetadata;
import org.observatory.client.model.EsmondNewSummary;
import org.observatory.client.model.EsmondPoint;
import org.observatory.client.model.ImportRun;
import org.observatory.client.model.IndicoInstance;
import org.observatory.client.model.IndicoRegistered;
import org.observatory.client.model.IndicoRegistration;
import org.observatory.client.model.IndicoUpdate;
import org.observatory.client.model.IngestReport;

/**
 * The suite end to end, through the gateway, with the generated client only (raw HTTP only for tokens): the real
 * local suite and the real Keycloak, as {@code ./observatory up} starts them. Every write is also tried without a
 * token, with a token signed by another key, with an expired token and with a token without the role: each is a
 * 401/403 problem+json and leaves nothing behind.
 */
class SuiteEndToEndIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String url;
    private static Path realmFile;
    /** Callers by what their token is: "agent" (measurements:write, logs:write), "admin" (every role), bad ones. */
    private static final Map<String, ApiClient> CALLERS = new LinkedHashMap<>();
    /** The four ways a write must be refused, with the status each gets. */
    private static final Map<String, Integer> REFUSED = new LinkedHashMap<>();

    @BeforeAll
    static void tokens() throws Exception {
        url = setting("observatory.url", "OBSERVATORY_URL", "http://127.0.0.1:8080");
        String issuer = setting("observatory.issuer", "OBSERVATORY_ISSUER", "http://127.0.0.1:8180/realms/observatory");
        realmFile = Path.of(setting("observatory.realm-file", "OBSERVATORY_REALM_FILE", "../../local/keycloak/observatory-realm.json"));
        Tokens tokens = new Tokens(issuer);
        String agent = tokens.clientCredentials("measurement-agent", "local-agent-secret");
        assertTrue(Files.isRegularFile(realmFile), "the realm file " + realmFile.toAbsolutePath());
        assertTrue(Tokens.signedByRealmKey(agent, realmFile),
                "Keycloak does not sign with the realm file's key: it imported an older realm (./observatory clean)");
        CALLERS.put("agent", client(agent));
        CALLERS.put("admin", client(tokens.password("admin", "admin")));
        CALLERS.put("no token", client(null));
        CALLERS.put("another key", client(Tokens.signedByAnotherKey(agent)));
        CALLERS.put("expired", client(Tokens.expired(agent, realmFile)));
        CALLERS.put("no role", client(tokens.clientCredentials("observatory-reader", "local-reader-secret")));
        REFUSED.put("no token", 401);
        REFUSED.put("another key", 401);
        REFUSED.put("expired", 401);
        REFUSED.put("no role", 403);
    }

    private static String setting(String property, String env, String fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank() || value.startsWith("${")) {
            value = System.getenv(env);
        }
        return value == null || value.isBlank() ? fallback : value;
    }

    private static ApiClient client(String token) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(url);
        client.setConnectTimeout(java.time.Duration.ofSeconds(10));
        client.setReadTimeout(java.time.Duration.ofSeconds(120));
        if (token != null) {
            client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        }
        return client;
    }

    interface Call {
        void run(ApiClient caller) throws Exception;
    }

    /** Each bad caller is refused with its status and a problem+json body. */
    private static void refusedToEveryBadCaller(String what, Call call) throws Exception {
        for (Map.Entry<String, Integer> bad : REFUSED.entrySet()) {
            refused(bad.getKey(), bad.getValue(), what, call);
        }
    }

    private static void refused(String callerName, int status, String what, Call call) throws Exception {
        try {
            call.run(CALLERS.get(callerName));
            fail(what + " with " + callerName + " was accepted");
        } catch (ApiException e) {
            assertEquals(status, e.getCode(), what + " with " + callerName + ": " + e.getResponseBody());
            String type = e.getResponseHeaders() == null ? "" : e.getResponseHeaders().firstValue("content-type").orElse("");
            assertTrue(type.startsWith("application/problem+json"), what + " with " + callerName + " answered " + type);
            JsonNode problem = JSON.readTree(e.getResponseBody());
            assertEquals(status, problem.path("status").asInt(), e.getResponseBody());
        }
    }

    @Test
    void gatewayKnowsTheAgentByItsToken() throws Exception {
        var caller = new GatewayApi(CALLERS.get("agent")).getCaller();
        assertEquals("service-account-measurement-agent", caller.getName());
        assertTrue(caller.getRoles().contains("measurements:write"));
    }

    @Test
    void esmondMetadataBulkDataAndSummariesRoundTrip() throws Exception {
        String source = "198.51.100." + (1 + (int) (Math.random() * 250));
        String destination = "203.0.113." + (1 + (int) (Math.random() * 250));
        EsmondNewMetadata metadata = new EsmondNewMetadata()
                .subjectType(EsmondNewMetadata.SubjectTypeEnum.POINT_TO_POINT)
                .source(source).destination(destination)
                .inputSource(source).inputDestination(destination)
                .measurementAgent(source).toolName("pscheduler/iperf3")
                .eventTypes(List.of(new EsmondNewEventType().eventType("throughput").summaries(List.of(
                        new EsmondNewSummary().summaryType(EsmondNewSummary.SummaryTypeEnum.AVERAGE).summaryWindow("86400")))));

        refusedToEveryBadCaller("POST esmond metadata", caller -> new PerfArchiveApi(caller).createMetadata(metadata));
        PerfArchiveApi reader = new PerfArchiveApi(CALLERS.get("no token"));
        assertTrue(reader.searchMetadata(source, destination, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null).isEmpty(), "a refused POST stored metadata");

        EsmondMetadata created = new PerfArchiveApi(CALLERS.get("agent")).createMetadata(metadata);
        String key = created.getMetadataKey();
        assertNotNull(key);
        assertEquals(1, reader.searchMetadata(source, destination, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null).size());

        long day = 1_700_006_400L; // a UTC midnight
        EsmondBulkData bulk = new EsmondBulkData().data(List.of(
                new EsmondBulkPoint().ts(day + 60).val(List.of(new EsmondBulkValue().eventType("throughput").val(1000))),
                new EsmondBulkPoint().ts(day + 120).val(List.of(new EsmondBulkValue().eventType("throughput").val(3000)))));
        refusedToEveryBadCaller("PUT esmond bulk data", caller -> new PerfArchiveApi(caller).writeBulkData(key, bulk));
        assertTrue(reader.listBasePoints("throughput", key, null, day, day + 86400, null, null, null).isEmpty(),
                "a refused PUT stored points");

        new PerfArchiveApi(CALLERS.get("agent")).writeBulkData(key, bulk);
        List<EsmondPoint> points = reader.listBasePoints("throughput", key, null, day, day + 86400, null, null, null);
        assertEquals(List.of(day + 60, day + 120), points.stream().map(EsmondPoint::getTs).toList());
        assertEquals(List.of(1000L, 3000L), points.stream().map(p -> ((Number) p.getVal()).longValue()).toList());

        List<EsmondPoint> averages = reader.listSummaryPoints("throughput", key, "averages", "86400", null, day, day + 86400,
                null, null, null);
        assertEquals(1, averages.size());
        assertEquals(day, averages.get(0).getTs());
        assertEquals(2000.0, ((Number) averages.get(0).getVal()).doubleValue(), 1e-9);
    }

    @Test
    void txLogsAsTextAndAsGzipThenTotals() throws Exception {
        String station = "E2E" + (int) (Math.random() * 1000);
        // A recent day: log-ingest refuses events older than its raw-data retention.
        java.time.LocalDate day = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(3);
        String text = txLog(day, station, "00_HHZ", 4096);
        String gzipped = txLog(day, station, "00_BHZ", 512);
        LogIngestApi reader = new LogIngestApi(CALLERS.get("no token"));
        refusedToEveryBadCaller("POST TX log", caller -> new LogIngestApi(caller).ingestTxLog(text, null));
        refusedToEveryBadCaller("POST gzip TX log", caller -> new LogIngestApi(gzipping(caller, gzipped)).ingestTxLog(gzipped, "gzip"));
        assertEquals(0L, totalBytes(reader, station, day), "a refused TX log was stored");

        IngestReport report = new LogIngestApi(CALLERS.get("agent")).ingestTxLog(text, null);
        assertEquals(1L, report.getBlocksStored());
        // The generated method sends text; a ringserver host compresses it: the same call, its body gzipped on the way.
        IngestReport fromGzip = new LogIngestApi(gzipping(CALLERS.get("agent"), gzipped)).ingestTxLog(gzipped, "gzip");
        assertEquals(1L, fromGzip.getBlocksStored());
        // Totals come from rollups, which a schedule refreshes; an admin refreshes them now instead of waiting.
        refused("agent", 403, "POST rollup refresh", caller -> new LogIngestApi(caller).refreshRollups());
        new LogIngestApi(CALLERS.get("admin")).refreshRollups();
        assertEquals(4096L + 512L, totalBytes(reader, station, day));
    }

    private static String txLog(java.time.LocalDate day, String station, String channel, long bytes) {
        return """
                START CLIENT e2e.example.org [192.0.2.7] (SeedLink|e2e) @ %s 00:00:00 (connected %s 23:00:00) TX
                XX_%s_%s/MSEED %d 8
                END CLIENT e2e.example.org [192.0.2.7] total TX bytes: %d
                """.formatted(day, day.minusDays(1), station, channel, bytes, bytes);
    }

    /**
     * The caller's client with its request body replaced by the gzip of {@code log}, sent with Content-Encoding
     * gzip: how a user of the generated client uploads a compressed TX log (the generated method takes text).
     */
    private static ApiClient gzipping(ApiClient caller, String log) throws java.io.IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(bytes)) {
            gzip.write(log.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        byte[] body = bytes.toByteArray();
        var authorize = caller.getRequestInterceptor();
        ApiClient client = new ApiClient();
        client.updateBaseUri(url);
        client.setConnectTimeout(java.time.Duration.ofSeconds(10));
        client.setReadTimeout(java.time.Duration.ofSeconds(120));
        client.setRequestInterceptor(request -> {
            if (authorize != null) {
                authorize.accept(request);
            }
            request.POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body));
        });
        return client;
    }

    private static long totalBytes(LogIngestApi reader, String station, java.time.LocalDate day) throws ApiException {
        var page = reader.listLogTotals(null, null, null, day + "T00:00:00Z", List.of("station"), null, null, null, null, null, null,
                station, day.plusDays(1) + "T00:00:00Z");
        long bytes = 0;
        for (Map<String, Object> row : page.getRows()) {
            Object value = row.get("bytes");
            bytes += value instanceof Number n ? n.longValue() : 0;
        }
        return bytes;
    }

    @Test
    void registersUpdatesAndReadsAnIndicoInstance() throws Exception {
        InstanceRegistryApi anonymous = new InstanceRegistryApi(CALLERS.get("no token"));
        IndicoRegistered registered = anonymous.registerInstance(new IndicoRegistration()
                .url(URI.create("https://indico-e2e-" + UUID.randomUUID() + ".example.org"))
                .contact("E2E").email("e2e@example.org").organization("Observatory E2E"));
        assertNotNull(registered.getUuid());
        anonymous.updateInstance(registered.getUuid().toString(), new IndicoUpdate().organization("Observatory E2E, updated"));
        IndicoInstance read = anonymous.getInstance(registered.getUuid().toString());
        assertEquals("Observatory E2E, updated", read.getOrganization());
    }

    @Test
    void listsIxpsAndTheirStatistics() throws Exception {
        IxpServiceApi anonymous = new IxpServiceApi(CALLERS.get("no token"));
        assertNotNull(anonymous.listIxps(null, null, 10, null, 0).getTotal());
        assertNotNull(anonymous.listIxpStatistics(null, null, "2020-01", null, 10, null, 0, "2020-02"));
    }

    @Test
    void uploadsAnArchiveMonthAsAdminAndReadsItsRunBack() throws Exception {
        Object dump = JSON.readValue("""
                {"org":{"data":[{"id":1,"name":"E2E Org","status":"ok","created":"2010-07-29T00:00:00Z","updated":"2016-03-14T21:26:07Z"}]},
                 "ix":{"data":[{"id":1,"org_id":1,"name":"E2E-IX","name_long":"End to end exchange","city":"Paris","country":"FR",
                                "status":"ok","created":"2010-07-29T00:00:00Z","updated":"2016-03-14T21:26:07Z"}]},
                 "net":{"data":[]},"ixlan":{"data":[]},"netixlan":{"data":[]},"ixpfx":{"data":[]}}
                """, Object.class);
        IxpServiceApi anonymous = new IxpServiceApi(CALLERS.get("no token"));
        int before = anonymous.listImportRuns(500, 0, null).size();
        refusedToEveryBadCaller("POST archive upload", caller -> new IxpServiceApi(caller).importUploadedDump("2020-01", dump, true));
        refused("agent", 403, "POST archive upload", caller -> new IxpServiceApi(caller).importUploadedDump("2020-01", dump, true));
        assertEquals(before, anonymous.listImportRuns(500, 0, null).size(), "a refused upload started a run");

        ImportRun run = new IxpServiceApi(CALLERS.get("admin")).importUploadedDump("2020-01", dump, true);
        assertNotNull(run.getId());
        ImportRun read = anonymous.getImportRun(run.getId());
        assertEquals(run.getId(), read.getId());
        assertEquals("succeeded", read.getStatus(), String.valueOf(read));
        assertFalse(anonymous.listImportRuns(500, 0, null).isEmpty());
    }
}
