package org.observatory.logingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.observatory.logingest.directory.DirectoryIngestService;

/**
 * One jar, two uses. Without arguments it is the HTTP service. With {@code ingest <file or folder>...} it stores
 * those logs with the same code and database settings, prints one JSON line per file, and exits (status 1 if a
 * file failed). In that mode the HTTP listener takes a free port so that it never collides with a running
 * service, and the scheduled jobs are off.
 */
@QuarkusMain
public class LogIngestMain {

    public static void main(String... args) {
        if (args.length > 0 && args[0].equals("ingest")) {
            System.setProperty("quarkus.http.port", "0");
            System.setProperty("logs.rollup.cron", "off");
            System.setProperty("logs.stats.cron", "off");
            System.setProperty("logs.storage.cron", "off");
            Quarkus.run(IngestCommand.class, args);
        } else {
            Quarkus.run(args);
        }
    }

    /** {@code ingest <path>...}: each path a TX log file or a folder of them. */
    public static class IngestCommand implements QuarkusApplication {

        private final DirectoryIngestService directories;
        private final ObjectMapper json;

        public IngestCommand(DirectoryIngestService directories, ObjectMapper json) {
            this.directories = directories;
            this.json = json;
        }

        @Override
        public int run(String... args) throws Exception {
            List<Path> paths = Arrays.stream(args).skip(1).map(Path::of).toList();
            if (paths.isEmpty()) {
                System.err.println("usage: java -jar quarkus-run.jar ingest <txlog file or folder>...");
                return 2;
            }
            for (Path path : paths) {
                if (!Files.exists(path)) {
                    System.err.println("no such file or folder: " + path);
                    return 2;
                }
            }
            boolean failed = false;
            for (DirectoryIngestService.FileResult result : directories.ingest(paths)) {
                System.out.println(json.writeValueAsString(result));
                failed |= result.status() != 200;
            }
            return failed ? 1 : 0;
        }
    }
}
