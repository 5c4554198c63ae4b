package org.observatory.logingest.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.runtime.LaunchMode;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClientHashSecretCheckTest {

    @Test
    void aDeployedServiceRefusesTheDefaultThePlaceholderAndShortKeys() {
        for (String weak : new String[] {"change-me-local-only", "CHANGE-ME", "change-me", "", "  ", "short-key-15chr"}) {
            Optional<String> refusal = ClientHashSecretCheck.refusal(LaunchMode.NORMAL, weak);
            assertTrue(refusal.isPresent(), weak);
            assertTrue(refusal.get().contains("LOGS_CLIENT_HASH_SECRET"), refusal.get());
        }
        assertTrue(ClientHashSecretCheck.refusal(LaunchMode.NORMAL, null).isPresent());
    }

    @Test
    void aDeployedServiceAcceptsALongKeyOfItsOwn() {
        assertEquals(Optional.empty(), ClientHashSecretCheck.refusal(LaunchMode.NORMAL, "k9Vq3hT0xWm2Lr8sPz6aNb"));
    }

    @Test
    void devAndTestKeepTheirDefaults() {
        assertEquals(Optional.empty(), ClientHashSecretCheck.refusal(LaunchMode.DEVELOPMENT, "change-me-local-only"));
        assertEquals(Optional.empty(), ClientHashSecretCheck.refusal(LaunchMode.TEST, "change-me-local-only"));
    }
}
