package org.observatory.ixp.imports;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.jboss.logging.Logger;
import org.observatory.ixp.registry.AsnRegistryService;

/** Scheduled imports of the live PeeringDB and reloads of the ASN registry; the database lock keeps them on one replica. */
@ApplicationScoped
public class ImportScheduler {

    private static final Logger LOG = Logger.getLogger(ImportScheduler.class);

    private final ImportService imports;
    private final AsnRegistryService registry;

    public ImportScheduler(ImportService imports, AsnRegistryService registry) {
        this.imports = imports;
        this.registry = registry;
    }

    @Scheduled(identity = "peeringdb-import", cron = "{ixp.peeringdb.cron}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> importPeeringDb() {
        return imports.importFromApi("scheduler", true).replaceWithVoid()
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("scheduled PeeringDB import did not complete: %s", e.getMessage());
                    return null;
                });
    }

    @Scheduled(identity = "asn-registry-reload", cron = "{ixp.asn-registry.cron}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> reloadRegistry() {
        return registry.reloadExclusively(LocalDate.now(ZoneOffset.UTC))
                .replaceWithVoid()
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("scheduled ASN registry reload failed: %s", e.getMessage());
                    return null;
                });
    }
}
