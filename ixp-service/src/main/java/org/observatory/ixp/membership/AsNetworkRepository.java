package org.observatory.ixp.membership;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;

@ApplicationScoped
@WithSession
public class AsNetworkRepository implements PanacheRepositoryBase<AsNetwork, Long> {

    public Uni<List<AsNetwork>> byAsns(Collection<Long> asns) {
        return asns.isEmpty() ? Uni.createFrom().item(List.of()) : list("asn in ?1", List.copyOf(asns));
    }
}
