package org.observatory.logingest.privacy;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import org.observatory.common.problem.ProblemException;
import org.observatory.logingest.common.LogIngestConfig;

/**
 * Who may see figures per client (grouped by, or filtered on, the client hash). A client hash is pseudonymous, not
 * anonymous: it links one address's traffic over time. Operators choose with {@code logs.privacy.public-client-figures};
 * by default only {@code logs:admin} sees them.
 */
@ApplicationScoped
public class ClientFiguresPolicy {

    static final String ADMIN = "logs:admin";

    private final boolean publicFigures;
    private final SecurityIdentity identity;

    public ClientFiguresPolicy(LogIngestConfig config, SecurityIdentity identity) {
        this.publicFigures = config.privacy().publicClientFigures();
        this.identity = identity;
    }

    /** Throws a 403 problem unless the caller may see per-client figures. */
    public void checkPerClient() {
        if (!publicFigures && !identity.hasRole(ADMIN)) {
            throw new ProblemException(403, "Forbidden",
                    "Figures per client (groupBy=client or a client filter) need the logs:admin role here");
        }
    }
}
