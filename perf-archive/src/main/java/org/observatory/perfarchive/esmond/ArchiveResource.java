package org.observatory.perfarchive.esmond;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.observatory.common.paging.PageRequest;
import org.observatory.perfarchive.auth.EsmondKeySchemeFilter;
import org.observatory.perfarchive.data.DataParser;
import org.observatory.perfarchive.data.DataReadService;
import org.observatory.perfarchive.data.DataService;
import org.observatory.perfarchive.data.Point;
import org.observatory.perfarchive.metadata.Metadata;
import org.observatory.perfarchive.metadata.MetadataParser;
import org.observatory.perfarchive.metadata.MetadataSearch;
import org.observatory.perfarchive.metadata.MetadataService;
import org.observatory.perfarchive.metadata.NewMetadata;

/**
 * esmond's archive API, URL for URL: metadata, event types, raw points and summaries. HTTP only: the rules live
 * in {@code metadata} and {@code data}. Parameters are declared in the order of the published document (the
 * service keeps declaration order, see application.properties): generated clients take them positionally.
 */
@Path(ArchivePaths.ROOT)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "esmond archive", description = "The perfSONAR esmond measurement archive API")
public class ArchiveResource {

    /** The scheme of esmond's own write keys (declared by EsmondKeySchemeFilter); only esmond writes accept it. */
    private static final String ESMOND_KEY = EsmondKeySchemeFilter.ESMOND_KEY;
    private static final String KEY = "The metadata key";
    private static final String EVENT_TYPE = "The event type, e.g. throughput, histogram-owdelay, packet-loss-rate";

    private final MetadataService metadata;
    private final DataService data;
    private final DataReadService reads;
    private final EventTypeDescriptions eventTypes;
    private final ObjectMapper mapper;

    public ArchiveResource(MetadataService metadata, DataService data, DataReadService reads, EventTypeDescriptions eventTypes,
                           ObjectMapper mapper) {
        this.eventTypes = eventTypes;
        this.mapper = mapper;
        this.metadata = metadata;
        this.data = data;
        this.reads = reads;
    }

    @GET
    @Path("/")
    @Operation(operationId = "searchMetadata", summary = "Search metadata", description = "Filters: subject fields, event-type, summary-type, "
            + "summary-window, time filters on last update; any other parameter name is an exact match on a free-form"
            + " parameter (as esmond stored it: str() of the posted value); host names resolved by dns-match-rule.")
    @APIResponse(responseCode = "200", description = "A page of metadata; the first carries metadata-count-total",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = ArchiveSchemas.Metadata.class)))
    @APIResponse(responseCode = "400", description = "A bad time, page or dns-match-rule")
    public Uni<List<Map<String, Object>>> search(@BeanParam MetadataQuery query, @Context UriInfo uri) {
        PageRequest page = query.page();
        // Any query name is a filter (free-form parameters), so the fields come from the whole query.
        Map<String, String> fields = new LinkedHashMap<>();
        uri.getQueryParameters().forEach((name, values) -> fields.put(name, values.isEmpty() ? null : values.get(0)));
        MetadataSearch search = new MetadataSearch(fields, query.eventType, query.summaryType, query.summaryWindow,
                query.dnsMatchRule, query.updated());
        String origin = origin(uri);
        return metadata.search(search, page.limit(), page.offset()).map(result -> {
            List<Map<String, Object>> list = new ArrayList<>();
            for (Metadata m : result.items()) {
                list.add(MetadataJson.render(m, origin));
            }
            if (!list.isEmpty()) {
                Map<String, Object> first = list.get(0);
                first.put("metadata-count-total", result.total());
                first.put("metadata-previous-page", page.offset() == 0 ? null
                        : pageLink(uri, Math.max(0, page.offset() - page.limit()), page.limit()));
                first.put("metadata-next-page", page.offset() + page.limit() >= result.total() ? null
                        : pageLink(uri, page.offset() + page.limit(), page.limit()));
            }
            return list;
        });
    }

    @POST
    @Path("/")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed("measurements:write")
    @SecurityRequirement(name = ESMOND_KEY)
    @Operation(operationId = "createMetadata", summary = "Create metadata", description = "Answers the stored metadata; the same metadata posted "
            + "again (same checksum) answers the existing record.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ArchiveSchemas.NewMetadata.class),
            examples = @ExampleObject(name = "throughput", value = "{\"subject-type\": \"point-to-point\", \"source\": \"192.0.2.10\","
                    + " \"destination\": \"198.51.100.20\", \"measurement-agent\": \"192.0.2.10\", \"input-source\": \"host-a.example.org\","
                    + " \"input-destination\": \"host-b.example.org\", \"tool-name\": \"pscheduler/iperf3\", \"time-duration\": 10.0,"
                    + " \"event-types\": [{\"event-type\": \"throughput\", \"summaries\": [{\"summary-type\": \"average\","
                    + " \"summary-window\": \"86400\"}]}, {\"event-type\": \"failures\", \"summaries\": []}]}")))
    @APIResponse(responseCode = "201", description = "The metadata, with its metadata-key",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ArchiveSchemas.Metadata.class)))
    @APIResponse(responseCode = "400", description = "Invalid metadata (missing source, unknown event type, summary not allowed)")
    public Uni<Response> create(String body, @Context UriInfo uri) {
        NewMetadata parsed = MetadataParser.parse(DataParser.json(mapper, body));
        return metadata.create(parsed).map(m -> Response.status(201).entity(MetadataJson.render(m, origin(uri))).build());
    }

    @GET
    @Path("/{key}/")
    @Operation(operationId = "getMetadata", summary = "One metadata")
    @APIResponse(responseCode = "200", description = "The metadata", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ArchiveSchemas.Metadata.class)))
    @APIResponse(responseCode = "404", description = "No such metadata")
    public Uni<Map<String, Object>> detail(@PathParam("key") @Parameter(description = KEY) String key, @Context UriInfo uri) {
        return metadata.get(key).map(m -> MetadataJson.render(m, origin(uri)));
    }

    @PUT
    @Path("/{key}/")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed("measurements:write")
    @SecurityRequirement(name = ESMOND_KEY)
    @Operation(operationId = "writeBulkData", summary = "Bulk write", description = "Points of several event types in one"
            + " transaction, as pScheduler's esmond archiver sends each result.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ArchiveSchemas.BulkData.class),
            examples = @ExampleObject(name = "throughput", value = "{\"data\": [{\"ts\": 1700000000, \"val\": ["
                    + "{\"event-type\": \"throughput\", \"val\": 941234567}, {\"event-type\": \"packet-retransmits\", \"val\": 12}]}]}")))
    @APIResponse(responseCode = "201", description = "All points stored", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ArchiveSchemas.Stored.class)))
    @APIResponse(responseCode = "400", description = "A malformed body or value; nothing stored")
    @APIResponse(responseCode = "404", description = "No such metadata")
    @APIResponse(responseCode = "409", description = "An integer, float or percentage point with that ts exists; nothing stored")
    @APIResponse(responseCode = "413", description = "The body is larger than this service accepts")
    public Uni<Response> bulk(@PathParam("key") @Parameter(description = KEY) String key, byte[] body) {
        return offload(() -> DataParser.bulk(mapper, body)).chain(points -> data.write(key, points)).map(ArchiveResource::created);
    }

    @GET
    @Path("/{key}/{eventType}/")
    @Operation(operationId = "getEventType", summary = "An event type with its summaries")
    @APIResponse(responseCode = "200", description = "The event type", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ArchiveSchemas.EventType.class)))
    @APIResponse(responseCode = "404", description = "No such metadata or event type")
    public Uni<Map<String, Object>> eventType(@PathParam("eventType") @Parameter(description = EVENT_TYPE, example = "throughput") String eventType,
                                              @PathParam("key") @Parameter(description = KEY) String key) {
        return eventTypes.eventType(key, eventType);
    }

    @GET
    @Path("/{key}/{eventType}/base")
    @Operation(operationId = "listBasePoints", summary = "Raw points", description = "Oldest first, bounded by the time parameters.")
    @APIResponse(responseCode = "200", description = "Points, oldest first", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = ArchiveSchemas.Point.class)))
    @APIResponse(responseCode = "400", description = "A bad time or page")
    @APIResponse(responseCode = "404", description = "No such metadata or event type")
    public Uni<List<Map<String, Object>>> base(@BeanParam PointQuery query, @PathParam("eventType") @Parameter(description = EVENT_TYPE, example = "throughput") String eventType,
                                               @PathParam("key") @Parameter(description = KEY) String key) {
        return reads.base(key, eventType, query.range(), query.page());
    }

    @POST
    @Path("/{key}/{eventType}/base")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed("measurements:write")
    @SecurityRequirement(name = ESMOND_KEY)
    @Operation(operationId = "addBasePoint", summary = "Add one point")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ArchiveSchemas.Point.class),
            examples = @ExampleObject(name = "throughput", value = "{\"ts\": 1700000000, \"val\": 941234567}")))
    @APIResponse(responseCode = "201", description = "Stored", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ArchiveSchemas.Stored.class)))
    @APIResponse(responseCode = "400", description = "A malformed point or value")
    @APIResponse(responseCode = "404", description = "No such metadata")
    @APIResponse(responseCode = "409", description = "An integer, float or percentage point with that ts exists")
    public Uni<Response> addPoint(@PathParam("eventType") @Parameter(description = EVENT_TYPE, example = "throughput") String eventType, @PathParam("key") @Parameter(description = KEY) String key,
                                  String body) {
        List<Point> points = DataParser.single(mapper, eventType, body);
        return data.write(key, points).map(ArchiveResource::created);
    }

    @GET
    @Path("/{key}/{eventType}/{summary}")
    @Operation(operationId = "listSummaryWindows", summary = "The windows of a summary")
    @APIResponse(responseCode = "200", description = "The summaries of that type",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = ArchiveSchemas.Summary.class)))
    @APIResponse(responseCode = "400", description = "The event type's data type has no such summary")
    @APIResponse(responseCode = "404", description = "No such metadata or event type")
    public Uni<List<Map<String, Object>>> summaries(@PathParam("eventType") @Parameter(description = EVENT_TYPE, example = "throughput") String eventType, @PathParam("key") @Parameter(description = KEY) String key,
                                                    @PathParam("summary") @Parameter(description = "The summary, by its URL word", schema = @Schema(enumeration = {"aggregations", "averages", "statistics"})) String summary) {
        return eventTypes.summaries(key, eventType, summary);
    }

    @GET
    @Path("/{key}/{eventType}/{summary}/{window}")
    @Operation(operationId = "listSummaryPoints", summary = "Summary points of one window", description = "ts is the start of"
            + " each window; time filters, limit and offset as for the raw points.")
    @APIResponse(responseCode = "200", description = "Points, oldest first", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = ArchiveSchemas.Point.class)))
    @APIResponse(responseCode = "400", description = "No such summary for the data type, a bad window, time or page")
    @APIResponse(responseCode = "404", description = "No such metadata, event type or window")
    public Uni<List<Map<String, Object>>> summary(@BeanParam PointQuery query, @PathParam("eventType") @Parameter(description = EVENT_TYPE, example = "throughput") String eventType,
                                                  @PathParam("key") @Parameter(description = KEY) String key, @PathParam("summary") @Parameter(description = "The summary, by its URL word", schema = @Schema(enumeration = {"aggregations", "averages", "statistics"})) String summary,
                                                  @PathParam("window") @Parameter(description = "The window in seconds; 0 is per point", example = "3600", schema = @Schema(pattern = "^[0-9]+$")) String window) {
        return reads.summary(key, eventType, summary, window, query.range(), query.page());
    }

    private static Response created(int stored) {
        // Written as text: a serialiser for a one-field object costs more than the bulk PUT's other answers.
        return Response.status(201).entity("{\"stored\":" + stored + "}").type(MediaType.APPLICATION_JSON).build();
    }

    private static <T> Uni<T> offload(Supplier<T> work) {
        // Parsing a bulk body of megabytes is CPU work: keep it off the event loop.
        return Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private static String origin(UriInfo uri) {
        String base = uri.getBaseUri().toString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private static String pageLink(UriInfo uri, long offset, int limit) {
        StringBuilder link = new StringBuilder(ArchivePaths.ROOT).append("/?");
        uri.getQueryParameters().forEach((name, values) -> {
            if (!name.equals("offset") && !name.equals("limit")) {
                values.forEach(v -> link.append(encode(name)).append('=').append(encode(v)).append('&'));
            }
        });
        return link.append("limit=").append(limit).append("&offset=").append(offset).toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
