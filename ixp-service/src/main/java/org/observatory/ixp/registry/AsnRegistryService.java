package org.observatory.ixp.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import org.observatory.common.lock.JobLock;
import org.observatory.ixp.common.Laps;
import org.observatory.ixp.common.Locks;
import org.observatory.ixp.membership.HistoryStore;
import org.observatory.ixp.stats.StatsGenerationStore;

/**
 * Loads ASN registration (and the routed, customer and MANRS sets) from the configured {@link AsnRegistrySource}
 * into the database, then re-derives the membership periods and statistics that depend on it, in one
 * transaction. Callers hold the history lock.
 */
@ApplicationScoped
public class AsnRegistryService {

    private static final Logger LOG = Logger.getLogger(AsnRegistryService.class);

    private final AsnRegistrySource source;
    private final AsnRegistryStore store;
    private final HistoryStore history;
    private final StatsGenerationStore stats;
    private final Pool pool;
    private final ObjectMapper mapper;
    private final JobLock lock;

    public AsnRegistryService(AsnRegistrySource source, AsnRegistryStore store, HistoryStore history,
            StatsGenerationStore stats, Pool pool, ObjectMapper mapper, JobLock lock) {
        this.source = source;
        this.store = store;
        this.history = history;
        this.stats = stats;
        this.pool = pool;
        this.mapper = mapper;
        this.lock = lock;
    }

    /**
     * {@link #reload} under the history lock, as operators and the scheduler run it; empty when an import or
     * another reload holds the lock (a reload rewrites the periods and statistics an import writes).
     */
    public Uni<Optional<RegistryLoad>> reloadExclusively(LocalDate asOf) {
        return lock.runExclusively(Locks.HISTORY, () -> reload(asOf));
    }

    /** Loads the registry as of {@code asOf}; returns the counts stored. */
    public Uni<RegistryLoad> reload(LocalDate asOf) {
        return Uni.combine().all()
                .unis(source.registrations(asOf), source.routedAsns(), source.customerLinks(), source.manrsParticipants())
                .asTuple()
                .chain(t -> store(asOf, t.getItem1(), t.getItem2(), t.getItem3(), t.getItem4()));
    }

    private Uni<RegistryLoad> store(LocalDate asOf, List<AsnRegistration> registrations, Set<Long> routed,
            List<CustomerLink> customers, Set<Long> manrs) {
        RegistryLoad counts = new RegistryLoad(asOf.toString(), registrations.size(),
                registrations.stream().filter(AsnRegistration::isAssigned).count(), routed.size(), customers.size(),
                manrs.size());
        return pool.withTransaction(conn -> store.replace(conn, registrations, routed, customers, manrs)
                        .chain(() -> store.recordLoad(conn, asOf, json(counts)))
                        .chain(() -> history.rebuildAllPeriods(conn))
                        .chain(() -> stats.regenerateAll(conn, new Laps())))
                .invoke(() -> LOG.infof("ASN registry loaded: %s", counts))
                .replaceWith(counts);
    }

    /**
     * Loads the registry if it never was, so that an import has registration to work with; a registry that
     * cannot be read does not stop the import (local rates stay 0 until it loads).
     */
    public Uni<Void> ensureLoaded() {
        return store.everLoaded()
                .chain(loaded -> loaded
                        ? Uni.createFrom().voidItem()
                        : reload(LocalDate.now(ZoneOffset.UTC)).replaceWithVoid()
                                .onFailure().recoverWithUni(e -> {
                                    LOG.warnf("ASN registry could not be loaded, importing without it: %s", e.getMessage());
                                    return Uni.createFrom().voidItem();
                                }));
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (Exception e) {
            return "{}";
        }
    }
}
