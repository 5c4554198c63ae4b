package org.observatory.registry.indico;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;
import org.observatory.common.db.PgErrors;
import org.observatory.registry.instance.Instance;
import org.observatory.registry.instance.InstanceRepository;

/** Registration and owner updates: the rules behind Indico's client API. */
@ApplicationScoped
public class IndicoInstanceService {

    private final InstanceRepository instances;

    public IndicoInstanceService(InstanceRepository instances) {
        this.instances = instances;
    }

    /**
     * Registers a server, or returns the uuid it already has when the same contact registers the same URL
     * again (Indico re-registers when it lost its uuid). Another contact gets a 409: the uuid is the key to
     * the instance and is not handed to whoever knows a URL.
     */
    @WithTransaction
    public Uni<UUID> register(IndicoRequests.Registration request) {
        return instances.findByUrlKey(request.url().key()).flatMap(existing -> {
            if (existing != null) {
                if (!sameContact(existing.email, request.email())) {
                    return Uni.createFrom().failure(IndicoApiException.conflict("url",
                            "This server is already registered by another contact"));
                }
                existing.enabled = true;
                existing.contact = request.contact();
                existing.organization = request.organization();
                return Uni.createFrom().item(existing.uuid);
            }
            Instance instance = new Instance();
            instance.uuid = UUID.randomUUID();
            instance.url = request.url().url();
            instance.urlKey = request.url().key();
            instance.contact = request.contact();
            instance.email = request.email();
            instance.organization = request.organization();
            instance.enabled = true;
            instance.registered = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
            // Flushed here so that a concurrent registration of the same URL is a 409, not a failed commit.
            return instances.persistAndFlush(instance).map(saved -> saved.uuid)
                    .onFailure(PgErrors::isUniqueViolation)
                    .transform(e -> IndicoApiException.conflict("url", "This server was registered at the same moment"));
        });
    }

    @WithTransaction
    public Uni<IndicoInstance> update(UUID uuid, IndicoRequests.Patch patch) {
        return instances.findByUuid(uuid).flatMap(instance -> {
            if (instance == null) {
                return Uni.createFrom().failure(IndicoApiException.notFound());
            }
            patch.enabled().ifPresent(enabled -> instance.enabled = enabled);
            patch.contact().ifPresent(contact -> instance.contact = contact);
            patch.email().ifPresent(email -> instance.email = email);
            patch.organization().ifPresent(organization -> instance.organization = organization);
            if (patch.url().isEmpty() || patch.url().get().key().equals(instance.urlKey)) {
                patch.url().ifPresent(url -> instance.url = url.url());
                return Uni.createFrom().item(IndicoInstance.of(instance));
            }
            return instances.findByUrlKey(patch.url().get().key()).flatMap(other -> {
                if (other != null) {
                    return Uni.createFrom().failure(IndicoApiException.conflict("url",
                            "Another instance is registered with this URL"));
                }
                instance.url = patch.url().get().url();
                instance.urlKey = patch.url().get().key();
                return Uni.createFrom().item(IndicoInstance.of(instance));
            });
        });
    }

    @WithSession
    public Uni<IndicoInstance> get(UUID uuid) {
        return instances.findByUuid(uuid).map(instance -> {
            if (instance == null) {
                throw IndicoApiException.notFound();
            }
            return IndicoInstance.of(instance);
        });
    }

    private static boolean sameContact(String known, String submitted) {
        return known.toLowerCase(Locale.ROOT).equals(submitted.toLowerCase(Locale.ROOT));
    }
}
