package org.observatory.ixp.membership;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.observatory.ixp.registry.RegistrationView;

/** API models of IXPs, networks and memberships (entities never leave the service). */
public final class MembershipViews {

    private MembershipViews() {
    }

    public record IxpSummary(long id, String name, String nameLong, String city, String country, String website,
            Long orgId, boolean active, OffsetDateTime created, OffsetDateTime updated) {

        static IxpSummary of(Ixp ixp) {
            return new IxpSummary(ixp.id, ixp.name, ixp.nameLong, ixp.city, ixp.country == null ? null : ixp.country.strip(),
                    ixp.website, ixp.orgId, ixp.active, ixp.created, ixp.updated);
        }
    }

    public record IxpPage(long total, int limit, long offset, List<IxpSummary> items) {
    }

    public record PeriodView(LocalDate startDate, LocalDate endDate, boolean rsPeer, long speed) {

        static PeriodView of(MembershipPeriod p) {
            return new PeriodView(p.startDate, p.endDate, p.rsPeer, p.speed);
        }
    }

    public record MemberView(long asn, String name, boolean current, List<PeriodView> periods) {
    }

    public record IxpDetail(IxpSummary ixp, int currentMembers, List<MemberView> members) {
    }

    public record IxpMembershipView(long ixpId, String ixpName, String country, boolean current,
            List<PeriodView> periods) {
    }

    public record AsnDetail(long asn, String name, String infoType, String policyGeneral,
            RegistrationView registration, List<IxpMembershipView> memberships) {
    }
}
