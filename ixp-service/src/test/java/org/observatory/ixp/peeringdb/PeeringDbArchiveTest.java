package org.observatory.ixp.peeringdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.observatory.ixp.TestConfig;
import org.observatory.ixp.common.SourceFetcher;

/** The archive over HTTP, laid out as CAIDA's, with the real gap of 2020-01-20 to 2020-02-10. */
class PeeringDbArchiveTest {

    private HttpServer server;
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private PeeringDbArchive archive;

    @BeforeEach
    void startArchive() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/datasets/peeringdb/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            asked.add(path);
            int status = path.endsWith("2020_02_10.json") ? 200 : path.contains("/2021/") ? 503 : 404;
            byte[] body = (status == 200 ? "{\"ix\": {\"data\": []}}" : "no").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        archive = new PeeringDbArchive(new SourceFetcher(), TestConfig.ixp(Map.of("ixp.archive.location-pattern",
                "http://127.0.0.1:" + server.getAddress().getPort() + "/datasets/peeringdb/%Y/%m/peeringdb_2_dump_%Y_%m_%d.json")));
    }

    @AfterEach
    void stopArchive() {
        server.stop(0);
    }

    @Test
    void takesTheEarliestAvailableDayOfTheMonth() {
        Optional<PeeringDbArchive.Dump> dump = archive.earliestDump(LocalDate.of(2020, 2, 1)).await().atMost(Duration.ofSeconds(30));
        assertEquals(LocalDate.of(2020, 2, 10), dump.orElseThrow().day());
        assertTrue(dump.get().location().endsWith("/2020/02/peeringdb_2_dump_2020_02_10.json"));
        assertEquals(10, asked.size(), asked.toString());
    }

    @Test
    void aMonthWithoutDumpsIsEmpty() {
        assertEquals(Optional.empty(), archive.earliestDump(LocalDate.of(2019, 2, 1)).await().atMost(Duration.ofSeconds(30)));
        assertEquals(28, asked.size());
    }

    @Test
    void anArchiveThatFailsIsAnErrorNotAGap() {
        assertThrows(SourceFetcher.SourceUnavailableException.class,
                () -> archive.earliestDump(LocalDate.of(2021, 3, 1)).await().atMost(Duration.ofSeconds(30)));
    }
}
