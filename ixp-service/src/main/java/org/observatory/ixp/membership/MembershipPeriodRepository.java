package org.observatory.ixp.membership;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
@WithSession
public class MembershipPeriodRepository implements PanacheRepositoryBase<MembershipPeriod, Long> {

    public Uni<List<MembershipPeriod>> ofIxp(long ixpId) {
        return list("ixpId = ?1 order by asn, startDate", ixpId);
    }

    public Uni<List<MembershipPeriod>> ofAsn(long asn) {
        return list("asn = ?1 order by ixpId, startDate", asn);
    }
}
