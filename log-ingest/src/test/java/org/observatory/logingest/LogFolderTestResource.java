package org.observatory.logingest;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/** A log folder with two rotated logs (one gzip) and a broken one, as logs.directory.path. */
public class LogFolderTestResource implements QuarkusTestResourceLifecycleManager {

    private Path folder;

    @Override
    public Map<String, String> start() {
        try {
            folder = Files.createTempDirectory("txlogs");
            Files.writeString(folder.resolve("txlog-20260301T0000-20260302T0000"),
                    TestLogs.block("10.11.0.1", "dir", "2026-03-01 01:00:00", "2026-03-01 00:00:00",
                            "DR_AAA_00_BHZ/MSEED 10 1", "DR_BBB_00_BHZ/MSEED 20 2"));
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(folder.resolve("txlog-20260302T0000-20260303T0000.gz")))) {
                out.write(TestLogs.block("10.11.0.2", "dir", "2026-03-02 01:00:00", "2026-03-02 00:00:00",
                        "DR_CCC_00_BHZ/MSEED 30 3").getBytes(StandardCharsets.UTF_8));
            }
            Files.write(folder.resolve("txlog-broken"), new byte[] {0, 1, 2, 3, '\n'});
            return Map.of("logs.directory.path", folder.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
