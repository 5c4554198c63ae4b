package org.observatory.ixp.registry;

import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jboss.logging.Logger;
import org.observatory.ixp.IxpConfig;
import org.observatory.ixp.common.SourceFetcher;

/** The default ASN registry: the five RIRs' delegated-extended files, plus optional ASN lists. */
@ApplicationScoped
@DefaultBean
public class RirDelegatedSource implements AsnRegistrySource {

    private static final Logger LOG = Logger.getLogger(RirDelegatedSource.class);

    private final SourceFetcher fetcher;
    private final List<String> delegatedFiles;
    private final Optional<String> routedAsns;
    private final Optional<String> customers;
    private final Optional<String> manrs;

    public RirDelegatedSource(SourceFetcher fetcher, IxpConfig config) {
        this.fetcher = fetcher;
        this.delegatedFiles = config.asnRegistry().delegatedFiles();
        this.routedAsns = config.asnRegistry().routedAsns();
        this.customers = config.asnRegistry().customers();
        this.manrs = config.asnRegistry().manrs();
    }

    @Override
    public Uni<List<AsnRegistration>> registrations(LocalDate asOf) {
        return Multi.createFrom().iterable(delegatedFiles)
                .onItem().transformToUniAndConcatenate(fetcher::fetch)
                .collect().asList()
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(files -> {
                    Map<Long, AsnRegistration> byAsn = new HashMap<>();
                    for (int i = 0; i < files.size(); i++) {
                        int lines = DelegatedFileParser.parse(new String(files.get(i), StandardCharsets.UTF_8), asOf, byAsn);
                        LOG.infof("ASN registry: %d asn lines from %s", lines, delegatedFiles.get(i));
                    }
                    return new ArrayList<>(byAsn.values());
                });
    }

    @Override
    public Uni<Set<Long>> routedAsns() {
        return optionalList(routedAsns, DelegatedFileParser::parseAsnList, Set.of());
    }

    @Override
    public Uni<List<CustomerLink>> customerLinks() {
        return optionalList(customers, DelegatedFileParser::parseCustomerLinks, List.of());
    }

    @Override
    public Uni<Set<Long>> manrsParticipants() {
        return optionalList(manrs, DelegatedFileParser::parseAsnList, Set.of());
    }

    private <T> Uni<T> optionalList(Optional<String> location, Function<String, T> parser, T none) {
        if (location.isEmpty() || location.get().isBlank()) {
            return Uni.createFrom().item(none);
        }
        return fetcher.fetch(location.get().strip())
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(bytes -> parser.apply(new String(bytes, StandardCharsets.UTF_8)));
    }
}
