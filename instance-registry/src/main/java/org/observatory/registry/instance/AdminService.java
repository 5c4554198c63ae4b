package org.observatory.registry.instance;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.observatory.common.problem.ProblemException;

/** Admin changes to instances. */
@ApplicationScoped
public class AdminService {

    private final InstanceRepository instances;

    public AdminService(InstanceRepository instances) {
        this.instances = instances;
    }

    /** Unlists an instance and stops its crawls; the owner can enable it again through the Indico API. */
    @WithTransaction
    public Uni<Void> disable(long id) {
        return instances.findById(id).map(instance -> {
            if (instance == null) {
                throw ProblemException.notFound("No instance " + id);
            }
            instance.enabled = false;
            return null;
        });
    }

    /** Deletes an instance with its crawl history. */
    @WithTransaction
    public Uni<Void> delete(long id) {
        return instances.deleteById(id).map(deleted -> {
            if (!deleted) {
                throw ProblemException.notFound("No instance " + id);
            }
            return null;
        });
    }
}
