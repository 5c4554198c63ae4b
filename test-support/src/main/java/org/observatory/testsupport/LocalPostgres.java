package org.observatory.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private PostgreSQL cluster from the server binaries on this machine: a temporary data directory, a
 * free port on 127.0.0.1, trust authentication, no fsync. Stopped and deleted by {@link #close()}.
 *
 * <p>The binaries are found in {@code $PG_BIN}, else the newest {@code /usr/lib/postgresql/N/bin} (Debian).
 * {@code initdb} refuses to run as root, so as root the cluster belongs to the {@code postgres} user.
 */
public final class LocalPostgres implements AutoCloseable {

    public static final String USER = "postgres";

    private final Path bin;
    private final Path dataDir;
    private final int port;
    private final boolean asPostgresUser;
    private Thread cleanup;

    private LocalPostgres(Path bin, Path dataDir, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.dataDir = dataDir;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /** Creates and starts a new cluster, with an extra database of the given name. */
    public static LocalPostgres start(String database) {
        Path bin = findBinaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        try {
            Path dataDir = Files.createTempDirectory("observatory-pg-");
            LocalPostgres pg = new LocalPostgres(bin, dataDir, freePort(), root);
            pg.cleanup = new Thread(pg::stopAndDelete, "local-postgres-cleanup");
            Runtime.getRuntime().addShutdownHook(pg.cleanup);
            if (root) {
                run(List.of("chown", "postgres:postgres", dataDir.toString()));
            }
            pg.run(pg.command("initdb", "-D", dataDir.toString(), "-U", USER, "--auth=trust", "-E", "UTF8",
                    "--locale=C", "--no-sync"));
            pg.run(pg.command("pg_ctl", "-D", dataDir.toString(), "-w", "-t", "60", "-l", dataDir.resolve("server.log").toString(),
                    "-o", "-p " + pg.port + " -k " + dataDir + " -c listen_addresses=127.0.0.1 -c fsync=off"
                            + " -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
                            // Extra server settings for profiling runs, e.g. shared_preload_libraries=pg_stat_statements.
                            + extraOptions(),
                    "start"));
            if (!"postgres".equals(database)) {
                pg.run(pg.command("createdb", "-h", "127.0.0.1", "-p", String.valueOf(pg.port), "-U", USER, database));
            }
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String extraOptions() {
        String extra = System.getenv("LOCAL_PG_OPTIONS");
        return extra == null || extra.isBlank() ? "" : " " + extra.trim();
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String reactiveUrl(String database) {
        return "postgresql://127.0.0.1:" + port + "/" + database;
    }

    @Override
    public void close() {
        stopAndDelete();
        if (cleanup != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running already
            }
        }
    }

    private synchronized void stopAndDelete() {
        if (!Files.exists(dataDir)) {
            return;
        }
        if (Files.exists(dataDir.resolve("postmaster.pid"))) {
            try {
                run(command("pg_ctl", "-D", dataDir.toString(), "-m", "immediate", "-w", "stop"));
            } catch (RuntimeException e) {
                System.err.println("Could not stop PostgreSQL in " + dataDir + ": " + e.getMessage());
            }
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("Could not delete " + dataDir + ": " + e.getMessage());
        }
    }

    private List<String> command(String program, String... args) {
        List<String> command = new ArrayList<>();
        if (asPostgresUser) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(args));
        return command;
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("Command failed: " + String.join(" ", command) + "\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Path findBinaries() {
        String configured = System.getenv("PG_BIN");
        if (configured != null && !configured.isBlank()) {
            return Paths.get(configured);
        }
        Path debian = Paths.get("/usr/lib/postgresql");
        Optional<Path> newest = Optional.empty();
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                newest = versions.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("initdb")))
                        .max(Comparator.comparingInt(LocalPostgres::majorVersion));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return newest.orElseThrow(() -> new IllegalStateException(
                "No PostgreSQL server binaries: install them (apt-get install postgresql) or set PG_BIN"));
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
