package org.observatory.perfarchive.data;

import com.fasterxml.jackson.databind.util.RawValue;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.observatory.common.paging.PageRequest;
import org.observatory.common.problem.ProblemException;
import org.observatory.perfarchive.common.TimeRange;
import org.observatory.perfarchive.data.ValueStore.StoredRow;
import org.observatory.perfarchive.eventtype.DataType;
import org.observatory.perfarchive.eventtype.SummaryType;
import org.observatory.perfarchive.metadata.Metadata;
import org.observatory.perfarchive.metadata.MetadataService;
import org.observatory.perfarchive.metadata.Series;
import org.observatory.perfarchive.summary.HistogramStatistics;

/** Reads raw points and summary points of a series. */
@ApplicationScoped
public class DataReadService {

    public static final int DEFAULT_LIMIT = 1000;
    public static final int MAX_LIMIT = 100_000;

    private final MetadataService metadata;
    private final ValueStore values;

    public DataReadService(MetadataService metadata, ValueStore values) {
        this.metadata = metadata;
        this.values = values;
    }

    public Uni<List<Map<String, Object>>> base(String key, String eventType, TimeRange range, PageRequest page) {
        DataType dataType = DataParser.dataType(eventType);
        return metadata.get(key).chain(m -> read(find(m, eventType, SummaryType.BASE, 0), dataType, range, page));
    }

    public Uni<List<Map<String, Object>>> summary(String key, String eventType, String summaryUrlName, String window,
                                                  TimeRange range, PageRequest page) {
        SummaryType type = summaryType(eventType, summaryUrlName);
        long seconds;
        try {
            seconds = Long.parseLong(window);
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField("summary-window", "must be a whole number of seconds");
        }
        DataType dataType = DataParser.dataType(eventType);
        return metadata.get(key).chain(m -> read(find(m, eventType, type, seconds), dataType, range, page));
    }

    /** The summary type a URL word names, if the event type's data type has it: else a 404 or a 400. */
    public static SummaryType summaryType(String eventType, String summaryUrlName) {
        DataType dataType = DataParser.dataType(eventType);
        SummaryType type = SummaryType.fromUrl(summaryUrlName).orElseThrow(() -> ProblemException.notFound(
                "No such resource: " + summaryUrlName + " (aggregations, averages or statistics)"));
        if (!dataType.allowedSummaries().contains(type)) {
            throw ProblemException.badRequest("A " + dataType.name().toLowerCase() + " event type (" + eventType
                    + ") has no " + type.json() + " summary");
        }
        return type;
    }

    private static Series find(Metadata m, String eventType, SummaryType type, long window) {
        return m.series().stream()
                .filter(s -> s.eventType().equals(eventType) && s.summaryType() == type && s.window() == window)
                .findFirst()
                .orElseThrow(() -> ProblemException.notFound("Metadata " + m.key() + " has no " + type.json()
                        + (type == SummaryType.BASE ? "" : " " + window) + " series for " + eventType));
    }

    private Uni<List<Map<String, Object>>> read(Series series, DataType dataType, TimeRange range, PageRequest page) {
        long start = range.start() == null ? 0 : range.start();
        long end = range.end() == null ? ValueParser.MAX_TS : range.end();
        return values.read(series.id(), series.eventType(), start, end, page.limit(), page.offset())
                .map(rows -> {
                    List<Map<String, Object>> result = new ArrayList<>(rows.size());
                    for (StoredRow row : rows) {
                        Map<String, Object> point = new LinkedHashMap<>(4);
                        point.put("ts", row.ts());
                        point.put("val", value(series.summaryType(), dataType, row));
                        result.add(point);
                    }
                    return result;
                });
    }

    static Object value(SummaryType summary, DataType type, StoredRow row) {
        if (summary == SummaryType.STATISTICS) {
            return new RawValue(row.stats() == null ? "{}" : row.stats());
        }
        if (summary == SummaryType.AVERAGE) {
            return row.count() == null || row.count() == 0 ? null : HistogramStatistics.round(row.real() / row.count());
        }
        return switch (type) {
            case INTEGER -> row.integer();
            case FLOAT -> row.real();
            case PERCENTAGE -> row.denominator() == null || row.denominator() == 0 ? null
                    : (double) row.numerator() / row.denominator();
            case HISTOGRAM, SUBINTERVAL, JSON -> row.json() == null ? null : new RawValue(row.json());
        };
    }
}
