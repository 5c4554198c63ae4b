package org.observatory.ixp.common;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads a configured source that is either an http(s) URL or a local file path: RIR files, routed-ASN lists,
 * archive dumps. Files are read on a worker thread; HTTP goes through the JDK's asynchronous client.
 */
@ApplicationScoped
public class SourceFetcher {

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(20))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    public static boolean isUrl(String location) {
        return location.startsWith("http://") || location.startsWith("https://");
    }

    /** The bytes at {@code location}, or empty when it does not exist (404 or no such file). */
    public Uni<Optional<byte[]>> fetchIfExists(String location) {
        if (isUrl(location)) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(location)).timeout(Duration.ofMinutes(5)).GET().build();
            return Uni.createFrom().completionStage(() -> http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()))
                    .map(response -> {
                        if (response.statusCode() == 404 || response.statusCode() == 410) {
                            return Optional.<byte[]>empty();
                        }
                        if (response.statusCode() / 100 != 2) {
                            throw new SourceUnavailableException(location + " answered HTTP " + response.statusCode());
                        }
                        return Optional.of(response.body());
                    });
        }
        return Uni.createFrom().item(() -> {
            Path path = location.startsWith("file:") ? Paths.get(URI.create(location)) : Paths.get(location);
            if (!Files.isRegularFile(path)) {
                return Optional.<byte[]>empty();
            }
            try {
                return Optional.of(Files.readAllBytes(path));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** The bytes at {@code location}; a missing source is an error. */
    public Uni<byte[]> fetch(String location) {
        return fetchIfExists(location).map(found -> found.orElseThrow(
                () -> new SourceUnavailableException(location + " does not exist")));
    }

    /** A source could not be read. */
    public static class SourceUnavailableException extends RuntimeException {
        public SourceUnavailableException(String message) {
            super(message);
        }
    }
}
