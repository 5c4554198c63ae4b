package org.observatory.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The suite's default ports are defined once, in {@code local/ports.env}: the README, the local Keycloak realm and
 * every service's configuration defaults must name the same numbers (the scripts and the manifests' checks read
 * the file itself).
 */
class SuitePortsTest {

    /** The repository root: the parent of this module, which the build runs the tests in. */
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    /** Service folder and the variable of ports.env that holds its HTTP port. */
    private static final Map<String, String> SERVICES = new LinkedHashMap<>();

    static {
        SERVICES.put("gateway", "GATEWAY_PORT");
        SERVICES.put("ixp-service", "IXP_SERVICE_PORT");
        SERVICES.put("instance-registry", "INSTANCE_REGISTRY_PORT");
        SERVICES.put("perf-archive", "PERF_ARCHIVE_PORT");
        SERVICES.put("log-ingest", "LOG_INGEST_PORT");
    }

    private static final Map<String, Integer> PORTS = readPorts();

    private static Map<String, Integer> readPorts() {
        Properties file = new Properties();
        try (Reader reader = Files.newBufferedReader(ROOT.resolve("local/ports.env"))) {
            file.load(reader);
        } catch (IOException e) {
            throw new IllegalStateException("local/ports.env is missing from " + ROOT, e);
        }
        Map<String, Integer> ports = new LinkedHashMap<>();
        file.stringPropertyNames().forEach(name -> ports.put(name, Integer.valueOf(file.getProperty(name).trim())));
        return ports;
    }

    private static int port(String name) {
        assertTrue(PORTS.containsKey(name), name + " is not defined in local/ports.env");
        return PORTS.get(name);
    }

    private static String read(String path) throws IOException {
        return Files.readString(ROOT.resolve(path));
    }

    @Test
    void readmePortTableNamesEveryDefinedPortWithItsVariable() throws IOException {
        String readme = read("README.md");
        Matcher rows = Pattern.compile("(?m)^\\| ([^|]+?) \\| (\\d+) \\| `([A-Z_]+)` \\|$").matcher(readme);
        Map<String, Integer> table = new LinkedHashMap<>();
        while (rows.find()) {
            table.put(rows.group(3), Integer.valueOf(rows.group(2)));
        }
        List<String> expected = new ArrayList<>(SERVICES.values());
        expected.addAll(List.of("KEYCLOAK_PORT", "OBSERVATORY_PG_PORT"));
        for (String variable : expected) {
            assertEquals(port(variable), table.get(variable), "README's row for " + variable);
        }
        int offset = port("MANAGEMENT_PORT_OFFSET");
        int first = port("GATEWAY_PORT") + offset;
        int last = port("LOG_INGEST_PORT") + offset;
        assertTrue(readme.contains("HTTP port + " + offset + " (" + first + " to " + last + ")"),
                "README's management row says HTTP port + " + offset + " (" + first + " to " + last + ")");
    }

    @Test
    void readmeDiagramShowsTheDefinedPorts() throws IOException {
        String readme = read("README.md");
        SERVICES.forEach((service, variable) -> {
            Matcher shown = Pattern.compile("\\b" + Pattern.quote(service) + " :(\\d+)").matcher(readme);
            assertTrue(shown.find(), "the diagram shows " + service + " with its port");
            assertEquals(port(variable), Integer.parseInt(shown.group(1)), service + " in the diagram");
        });
        Matcher postgres = Pattern.compile("PostgreSQL :(\\d+)").matcher(readme);
        assertTrue(postgres.find(), "the diagram shows PostgreSQL with its port");
        assertEquals(port("OBSERVATORY_PG_PORT"), Integer.parseInt(postgres.group(1)));
    }

    @Test
    void everyServiceDefaultsToItsDefinedHttpAndManagementPorts() throws IOException {
        for (Map.Entry<String, String> service : SERVICES.entrySet()) {
            String properties = read(service.getKey() + "/src/main/resources/application.properties");
            int http = port(service.getValue());
            assertEquals(List.of(http), defaults(properties, "HTTP_PORT"), service.getKey() + " HTTP_PORT default");
            assertEquals(List.of(http + port("MANAGEMENT_PORT_OFFSET")), defaults(properties, "MANAGEMENT_PORT"),
                    service.getKey() + " MANAGEMENT_PORT default");
        }
    }

    @Test
    void configurationDefaultsNameTheDefinedDatabaseKeycloakAndBackendPorts() throws IOException {
        int offset = port("MANAGEMENT_PORT_OFFSET");
        List<Path> files = configurationFiles();
        assertFalse(files.isEmpty());
        for (Path file : files) {
            String text = Files.readString(file);
            String where = ROOT.relativize(file).toString();
            defaults(text, "DB_PORT").forEach(p -> assertEquals(port("OBSERVATORY_PG_PORT"), p, where + " DB_PORT"));
            Matcher issuers = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/realms/observatory").matcher(text);
            while (issuers.find()) {
                assertEquals(port("KEYCLOAK_PORT"), Integer.parseInt(issuers.group(1)), where + " issuer default");
            }
            for (String variable : SERVICES.values()) {
                String prefix = variable.substring(0, variable.length() - "PORT".length());
                urlDefaults(text, prefix + "URL").forEach(p -> assertEquals(port(variable), p, where + " " + prefix + "URL"));
                urlDefaults(text, prefix + "MANAGEMENT_URL")
                        .forEach(p -> assertEquals(port(variable) + offset, p, where + " " + prefix + "MANAGEMENT_URL"));
            }
        }
    }

    @Test
    void buildDefaultsNameTheDefinedGatewayAndKeycloakPorts() throws IOException {
        String pom = read("pom.xml");
        assertEquals(List.of(port("GATEWAY_PORT")), elements(pom, "suite.gateway-port"), "root pom suite.gateway-port");
        assertEquals(List.of(port("KEYCLOAK_PORT")), elements(pom, "suite.keycloak-port"), "root pom suite.keycloak-port");
        // The modules that talk to a running suite derive their URLs from those two properties.
        for (String module : List.of("clients/java/pom.xml", "browser-tests/pom.xml", "pom.xml")) {
            Matcher literal = Pattern.compile("127\\.0\\.0\\.1:\\d").matcher(read(module));
            assertFalse(literal.find(), module + " names a port number instead of ${suite.gateway-port}/${suite.keycloak-port}");
        }
    }

    @Test
    void localRealmLetsBrowsersReturnToTheDefinedGatewayPort() throws IOException {
        // ./observatory rewrites this port when GATEWAY_PORT is overridden; the file holds the default.
        String realm = read("local/keycloak/observatory-realm.json");
        Matcher redirects = Pattern.compile("\"https?://(?:127\\.0\\.0\\.1|localhost):(\\d+)/").matcher(realm);
        int found = 0;
        while (redirects.find()) {
            assertEquals(port("GATEWAY_PORT"), Integer.parseInt(redirects.group(1)), "a redirect URI of the realm");
            found++;
        }
        assertTrue(found > 0, "the realm names the gateway in its redirect URIs");
    }

    /** The numbers in {@code <name>n</name>} elements of a pom. */
    private static List<Integer> elements(String pom, String name) {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">(\\d+)</" + Pattern.quote(name) + ">").matcher(pom);
        List<Integer> found = new ArrayList<>();
        while (m.find()) {
            found.add(Integer.valueOf(m.group(1)));
        }
        return found;
    }

    /** The numeric defaults of {@code ${VARIABLE:n}} in a properties text. */
    private static List<Integer> defaults(String text, String variable) {
        Matcher m = Pattern.compile("\\$\\{" + variable + ":(\\d+)}").matcher(text);
        List<Integer> found = new ArrayList<>();
        while (m.find()) {
            found.add(Integer.valueOf(m.group(1)));
        }
        return found;
    }

    /** The ports of loopback URL defaults, {@code ${VARIABLE:http://127.0.0.1:n}}. */
    private static List<Integer> urlDefaults(String text, String variable) {
        Matcher m = Pattern.compile("\\$\\{" + variable + ":http://127\\.0\\.0\\.1:(\\d+)}").matcher(text);
        List<Integer> found = new ArrayList<>();
        while (m.find()) {
            found.add(Integer.valueOf(m.group(1)));
        }
        return found;
    }

    /** Every module's main configuration: application.properties and a library's microprofile-config.properties. */
    private static List<Path> configurationFiles() throws IOException {
        try (Stream<Path> modules = Files.list(ROOT)) {
            List<Path> files = new ArrayList<>();
            for (Path module : modules.filter(Files::isDirectory).sorted().toList()) {
                for (String name : List.of("application.properties", "META-INF/microprofile-config.properties")) {
                    Path file = module.resolve("src/main/resources").resolve(name);
                    if (Files.isRegularFile(file)) {
                        files.add(file);
                    }
                }
            }
            return files;
        }
    }
}
