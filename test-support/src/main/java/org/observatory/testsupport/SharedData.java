package org.observatory.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** The project's shared sample data ({@code ../shared/data} beside the repository). */
public final class SharedData {

    private SharedData() {
    }

    /** A file under {@code shared/data}, e.g. {@code path("esmond/throughput_data.json")}. */
    public static Path path(String relative) {
        Path file = root().resolve(relative);
        if (!Files.exists(file)) {
            throw new IllegalStateException("Missing shared sample data: " + file);
        }
        return file;
    }

    /** The {@code shared/data} folder: {@code -Dshared.dir}, else the first {@code shared/} found going up from here. */
    public static Path root() {
        String configured = System.getProperty("shared.dir");
        if (configured != null && Files.isDirectory(Paths.get(configured, "data"))) {
            return Paths.get(configured, "data").toAbsolutePath().normalize();
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("data");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("No shared/data folder found above " + Paths.get("").toAbsolutePath());
    }
}
