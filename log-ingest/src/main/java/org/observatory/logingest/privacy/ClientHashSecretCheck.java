package org.observatory.logingest.privacy;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.observatory.logingest.common.LogIngestConfig;

/**
 * Refuses to start a deployed service with a guessable client-hash key: client hashes are HMACs of addresses, and
 * with a known key an IPv4 sweep reverses every one of them in hours. Dev and test modes keep their defaults.
 */
@ApplicationScoped
public class ClientHashSecretCheck {

    /** The built-in default of {@code logs.privacy.client-hash-secret}: for a developer's machine only. */
    static final String LOCAL_DEFAULT = "change-me-local-only";
    /** The value of the Secret templates under {@code k8s/secrets}. */
    static final String PLACEHOLDER = "CHANGE-ME";
    static final int MIN_LENGTH = 16;

    private final LogIngestConfig config;

    public ClientHashSecretCheck(LogIngestConfig config) {
        this.config = config;
    }

    void onStart(@Observes @Priority(1) StartupEvent event) {
        refusal(LaunchMode.current(), config.privacy().clientHashSecret()).ifPresent(message -> {
            throw new IllegalStateException(message);
        });
    }

    /** Why {@code secret} must not be used in {@code mode}, if it must not. */
    static Optional<String> refusal(LaunchMode mode, String secret) {
        if (mode.isDevOrTest()) {
            return Optional.empty();
        }
        String value = secret == null ? "" : secret.strip();
        if (value.equals(LOCAL_DEFAULT) || value.equalsIgnoreCase(PLACEHOLDER) || value.length() < MIN_LENGTH) {
            return Optional.of("log-ingest will not start: LOGS_CLIENT_HASH_SECRET (logs.privacy.client-hash-secret) is "
                    + (value.isEmpty() ? "empty" : value.length() < MIN_LENGTH && !value.equals(LOCAL_DEFAULT)
                            && !value.equalsIgnoreCase(PLACEHOLDER) ? "shorter than " + MIN_LENGTH + " characters"
                            : "the built-in default or a placeholder")
                    + ". Client hashes made with a known key can be reversed by hashing every address. Set it to a "
                    + "long random value kept per installation (e.g. openssl rand -base64 48), and keep it stable.");
        }
        return Optional.empty();
    }
}
