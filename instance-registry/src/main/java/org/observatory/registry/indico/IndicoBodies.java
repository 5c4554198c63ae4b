package org.observatory.registry.indico;

import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The bodies of the Indico client API as its document shows them. The resource reads the raw bytes itself
 * ({@link IndicoRequests}: unknown keys, empty strings and wrong types refused), so these only describe them.
 */
public final class IndicoBodies {

    private IndicoBodies() {
    }

    /** What Indico's server posts to register; no other key is accepted. */
    @Schema(name = "IndicoRegistration", description = "An instance registering itself; every key is required")
    public record Registration(
            @Schema(required = true, description = "The instance's base URL, http or https", format = "uri",
                    maxLength = 512, example = "https://events.example.org") String url,
            @Schema(required = true, description = "Who runs it", maxLength = 512, example = "Events team") String contact,
            @Schema(required = true, description = "Their e-mail address (never shown publicly)", format = "email",
                    maxLength = 512, example = "events@example.org") String email,
            @Schema(required = true, description = "The organization", maxLength = 512, example = "Example Lab")
            String organization) {
    }

    /** What Indico's server patches; absent or null keys are left as they are. */
    @Schema(name = "IndicoUpdate", description = "Any of the registration's keys, and enabled; null values are ignored")
    public record Update(
            @Schema(description = "false unregisters the instance") Boolean enabled,
            @Schema(description = "The instance's base URL, http or https", format = "uri", maxLength = 512) String url,
            @Schema(description = "Who runs it", maxLength = 512) String contact,
            @Schema(description = "Their e-mail address", format = "email", maxLength = 512) String email,
            @Schema(description = "The organization", maxLength = 512) String organization) {
    }

    /** The answer to a registration. */
    @Schema(name = "IndicoRegistered", description = "The registered instance's uuid: keep it, it is the key to update it")
    public record Registered(@Schema(required = true) UUID uuid) {
    }
}
