package org.observatory.perfarchive.esmond;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import org.observatory.common.problem.ProblemException;
import org.observatory.perfarchive.data.DataParser;
import org.observatory.perfarchive.data.DataReadService;
import org.observatory.perfarchive.eventtype.SummaryType;
import org.observatory.perfarchive.metadata.Metadata;
import org.observatory.perfarchive.metadata.MetadataService;

/** An event type of a metadata, and the windows of one of its summaries, as esmond describes them. */
@ApplicationScoped
public class EventTypeDescriptions {

    private final MetadataService metadata;

    public EventTypeDescriptions(MetadataService metadata) {
        this.metadata = metadata;
    }

    public Uni<Map<String, Object>> eventType(String key, String eventType) {
        DataParser.dataType(eventType);
        return metadata.get(key).map(m -> described(m, key, eventType));
    }

    /** The windows of one summary type of an event type. */
    public Uni<List<Map<String, Object>>> summaries(String key, String eventType, String summaryUrlName) {
        SummaryType type = DataReadService.summaryType(eventType, summaryUrlName);
        return metadata.get(key).map(m -> {
            described(m, key, eventType);
            return m.series().stream().filter(s -> s.eventType().equals(eventType) && s.summaryType() == type)
                    .map(s -> MetadataJson.summary(key, s)).toList();
        });
    }

    private static Map<String, Object> described(Metadata m, String key, String eventType) {
        Map<String, Object> described = MetadataJson.eventType(m, eventType);
        if (described == null) {
            throw ProblemException.notFound("Metadata " + key + " has no event type " + eventType);
        }
        return described;
    }
}
