package org.observatory.perfarchive.metadata;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.observatory.common.problem.ProblemException;
import org.observatory.perfarchive.common.Numerals;
import org.observatory.perfarchive.eventtype.SummaryType;

/** Metadata rules: creation with checksum dedup, and esmond's search parameters. */
@ApplicationScoped
public class MetadataService {

    /** Query names that are not free-form parameters. */
    static final Set<String> RESERVED = Set.of("format", "limit", "offset", "dns-match-rule", "time", "time-start",
            "time-end", "time-range", "event-type", "summary-type", "summary-window");
    private static final Map<String, String> HOST_FIELDS = Map.of(
            "source", "source", "destination", "destination", "measurement-agent", "measurement_agent");
    private static final Map<String, String> EXACT_FIELDS = Map.of(
            "input-source", "input_source", "input-destination", "input_destination", "tool-name", "tool_name",
            "subject-type", "subject_type", "metadata-key", "metadata_key");

    private final Pool pool;
    private final MetadataStore store;
    private final ObjectMapper mapper;

    public MetadataService(Pool pool, MetadataStore store, ObjectMapper mapper) {
        this.mapper = mapper;
        this.pool = pool;
        this.store = store;
    }

    /** Stores the metadata, or finds the one with the same checksum; answers it as stored. */
    public Uni<Metadata> create(NewMetadata metadata) {
        String key = UUID.randomUUID().toString().replace("-", "").toUpperCase(Locale.ROOT);
        return pool.withTransaction(tx -> store.insertIfAbsent(tx, metadata, metadata.checksum(), key))
                .chain(store::findByKey)
                .map(Optional::orElseThrow);
    }

    public Uni<Metadata> get(String key) {
        return store.findByKey(key).map(found -> found.orElseThrow(
                () -> ProblemException.notFound("No metadata with key " + key)));
    }

    /** A page of the search and the total count of matches. */
    public Uni<Page> search(MetadataSearch search, int limit, long offset) {
        return filter(search).chain(filter -> Uni.combine().all()
                .unis(store.count(filter), store.search(filter, limit, offset)).asTuple()
                .map(t -> new Page(t.getItem2(), t.getItem1())));
    }

    public record Page(List<Metadata> items, long total) {
    }

    Uni<MetadataFilter> filter(MetadataSearch search) {
        String rule = Optional.ofNullable(search.dnsMatchRule()).orElse("v4v6").trim();
        if (!HostAddresses.RULES.contains(rule)) {
            throw ProblemException.invalidField("dns-match-rule", "must be one of v4v6, only-v4, only-v6, prefer-v4, prefer-v6");
        }
        Map<String, String> exact = new LinkedHashMap<>();
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        List<String> hostNames = new ArrayList<>();
        List<Uni<List<String>>> resolutions = new ArrayList<>();
        search.fields().forEach((name, value) -> {
            if (value == null || RESERVED.contains(name)) {
                return;
            }
            if (HOST_FIELDS.containsKey(name)) {
                hostNames.add(HOST_FIELDS.get(name));
                resolutions.add(HostAddresses.matching(value, rule));
            } else if (EXACT_FIELDS.containsKey(name)) {
                exact.put(EXACT_FIELDS.get(name), value);
            } else {
                // true and True, {"k":"v"} and {'k': 'v'}: a filter copied from either API finds the metadata.
                parameters.put(name, PythonText.spellings(value, mapper));
            }
        });
        SummaryType summaryType = search.summaryType() == null ? null : SummaryType.fromJson(search.summaryType())
                .orElseThrow(() -> ProblemException.invalidField("summary-type",
                        "must be base, aggregation, average or statistics"));
        Long summaryWindow = Numerals.whole(search.summaryWindow(), "summary-window", "must be a whole number of seconds");
        Uni<List<List<String>>> resolved = resolutions.isEmpty()
                ? Uni.createFrom().item(List.of())
                : Uni.join().all(resolutions).andFailFast();
        return resolved.map(addresses -> {
            Map<String, List<String>> hosts = new LinkedHashMap<>();
            for (int i = 0; i < hostNames.size(); i++) {
                hosts.put(hostNames.get(i), addresses.get(i));
            }
            return new MetadataFilter(hosts, exact, search.eventType(), summaryType, summaryWindow, parameters,
                    search.updated());
        });
    }
}
