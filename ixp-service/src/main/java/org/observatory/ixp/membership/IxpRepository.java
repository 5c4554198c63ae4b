package org.observatory.ixp.membership;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.observatory.common.paging.PageRequest;

@ApplicationScoped
@WithSession
public class IxpRepository implements PanacheRepositoryBase<Ixp, Long> {

    /** A page of IXPs filtered by country, active flag and a name fragment, with the total count. */
    public Uni<List<Ixp>> search(String country, Boolean active, String name, PageRequest page) {
        Filter filter = filter(country, active, name);
        return find(filter.query, Sort.by("id"), filter.parameters)
                .range((int) page.offset(), (int) page.offset() + page.limit() - 1).list();
    }

    public Uni<Long> countMatching(String country, Boolean active, String name) {
        Filter filter = filter(country, active, name);
        return count(filter.query, filter.parameters);
    }

    public Uni<List<Ixp>> byIds(Collection<Long> ids) {
        return ids.isEmpty() ? Uni.createFrom().item(List.of()) : list("id in ?1", List.copyOf(ids));
    }

    private record Filter(String query, Parameters parameters) {
    }

    private static Filter filter(String country, Boolean active, String name) {
        List<String> clauses = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (country != null) {
            clauses.add("country = :country");
            parameters.and("country", country);
        }
        if (active != null) {
            clauses.add("active = :active");
            parameters.and("active", active);
        }
        if (name != null) {
            clauses.add("(lower(name) like :name or lower(nameLong) like :name)");
            parameters.and("name", "%" + name.toLowerCase().replace("%", "").replace("_", "") + "%");
        }
        return new Filter(clauses.isEmpty() ? "1 = 1" : String.join(" and ", clauses), parameters);
    }
}
