package org.observatory.registry.instance;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Owner-side CRUD of instances. */
@ApplicationScoped
@WithSession
public class InstanceRepository implements PanacheRepository<Instance> {

    public Uni<Instance> findByUuid(UUID uuid) {
        return find("uuid", uuid).firstResult();
    }

    public Uni<Instance> findByUrlKey(String urlKey) {
        return find("urlKey", urlKey).firstResult();
    }
}
