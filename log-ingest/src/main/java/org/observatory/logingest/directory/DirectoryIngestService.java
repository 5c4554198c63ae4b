package org.observatory.logingest.directory;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.observatory.common.problem.ProblemException;
import org.observatory.logingest.ingest.IngestReport;
import org.observatory.logingest.ingest.TxLogIngestService;

/**
 * Ingests TX log files from disk, each file in its own transaction (as if posted on its own), for operators who
 * rotate logs into a folder. Files already stored are harmless to read again: stored transfers are skipped.
 */
@ApplicationScoped
public class DirectoryIngestService {

    /** The outcome of one file: its report, or the problem that stopped it (then nothing of it was stored). */
    public record FileResult(String file, int status, IngestReport report, String problem) {
    }

    private final TxLogIngestService ingest;

    public DirectoryIngestService(TxLogIngestService ingest) {
        this.ingest = ingest;
    }

    /** The regular, non-hidden files of {@code directory} in name order (txlog-... names sort by time). */
    public List<Path> files(Path directory) {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ingests files or directories (their files), in order. Blocking. */
    public List<FileResult> ingest(List<Path> paths) {
        List<FileResult> results = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                files(path).forEach(file -> results.add(ingestFile(file)));
            } else {
                results.add(ingestFile(path));
            }
        }
        return results;
    }

    FileResult ingestFile(Path file) {
        String name = file.getFileName().toString();
        try (InputStream in = Files.newInputStream(file)) {
            return new FileResult(name, 200, ingest.ingest(in, null), null);
        } catch (ProblemException e) {
            return new FileResult(name, e.status(), null, e.getMessage());
        } catch (IOException e) {
            return new FileResult(name, 400, null, "cannot read " + name + ": " + e.getMessage());
        }
    }
}
