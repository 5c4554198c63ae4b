package org.observatory.ixp.membership;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.observatory.common.paging.PageRequest;
import org.observatory.common.problem.ProblemException;
import org.observatory.ixp.membership.MembershipViews.AsnDetail;
import org.observatory.ixp.membership.MembershipViews.IxpDetail;
import org.observatory.ixp.membership.MembershipViews.IxpMembershipView;
import org.observatory.ixp.membership.MembershipViews.IxpPage;
import org.observatory.ixp.membership.MembershipViews.IxpSummary;
import org.observatory.ixp.membership.MembershipViews.MemberView;
import org.observatory.ixp.membership.MembershipViews.PeriodView;
import org.observatory.ixp.registry.AsnRegistryStore;

/** Reads IXPs, networks and their membership history. */
@ApplicationScoped
public class MembershipService {

    private final IxpRepository ixps;
    private final AsNetworkRepository networks;
    private final MembershipPeriodRepository periods;
    private final AsnRegistryStore registry;

    public MembershipService(IxpRepository ixps, AsNetworkRepository networks, MembershipPeriodRepository periods,
            AsnRegistryStore registry) {
        this.ixps = ixps;
        this.networks = networks;
        this.periods = periods;
        this.registry = registry;
    }

    public Uni<IxpPage> search(String country, Boolean active, String name, PageRequest page) {
        return ixps.countMatching(country, active, name).chain(total -> ixps.search(country, active, name, page)
                .map(found -> new IxpPage(total, page.limit(), page.offset(),
                        found.stream().map(IxpSummary::of).toList())));
    }

    public Uni<IxpDetail> ixp(long id) {
        return ixps.findById(id).chain(ixp -> {
            if (ixp == null) {
                throw ProblemException.notFound("no IXP with id " + id);
            }
            return periods.ofIxp(id).chain(list -> {
                Map<Long, List<MembershipPeriod>> byAsn = list.stream()
                        .collect(Collectors.groupingBy(p -> p.asn, LinkedHashMap::new, Collectors.toList()));
                return networks.byAsns(byAsn.keySet()).map(nets -> {
                    Map<Long, AsNetwork> names = nets.stream().collect(Collectors.toMap(n -> n.asn, Function.identity()));
                    List<MemberView> members = new ArrayList<>();
                    byAsn.forEach((asn, ps) -> {
                        AsNetwork net = names.get(asn);
                        members.add(new MemberView(asn, net == null ? null : net.name, isCurrent(ps),
                                ps.stream().map(PeriodView::of).toList()));
                    });
                    int current = (int) members.stream().filter(MemberView::current).count();
                    return new IxpDetail(IxpSummary.of(ixp), current, members);
                });
            });
        });
    }

    public Uni<AsnDetail> asn(long asn) {
        return networks.findById(asn).chain(net -> periods.ofAsn(asn).chain(list -> {
            if (net == null && list.isEmpty()) {
                throw ProblemException.notFound("no network with ASN " + asn);
            }
            Map<Long, List<MembershipPeriod>> byIxp = list.stream()
                    .collect(Collectors.groupingBy(p -> p.ixpId, LinkedHashMap::new, Collectors.toList()));
            return ixps.byIds(byIxp.keySet()).chain(found -> registry.find(asn).map(registration -> {
                Map<Long, Ixp> byId = found.stream().collect(Collectors.toMap(i -> i.id, Function.identity()));
                List<IxpMembershipView> memberships = new ArrayList<>();
                byIxp.forEach((ixpId, ps) -> {
                    Ixp ixp = byId.get(ixpId);
                    memberships.add(new IxpMembershipView(ixpId, ixp == null ? null : ixp.name,
                            ixp == null ? null : ixp.country.strip(), isCurrent(ps), ps.stream().map(PeriodView::of).toList()));
                });
                return new AsnDetail(asn, net == null ? null : net.name, net == null ? null : net.infoType,
                        net == null ? null : net.policyGeneral, registration.orElse(null), memberships);
            }));
        }));
    }

    private static boolean isCurrent(List<MembershipPeriod> ps) {
        return ps.stream().anyMatch(p -> p.endDate == null);
    }
}
