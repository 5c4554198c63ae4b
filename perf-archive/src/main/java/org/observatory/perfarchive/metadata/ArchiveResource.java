package org.observatory.perfarchive.metadata;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.observatory.common.paging.PageRequest;
import org.observatory.common.problem.ProblemException;
import org.observatory.perfarchive.common.ArchivePaths;
import org.observatory.perfarchive.common.TimeRange;
import org.observatory.perfarchive.data.DataParser;
import org.observatory.perfarchive.data.DataReadService;
import org.observatory.perfarchive.data.DataService;
import org.observatory.perfarchive.data.Point;

/** esmond's archive API, URL for URL: metadata, event types, raw points and summaries. */
@Path(ArchivePaths.ROOT)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "esmond archive", description = "The perfSONAR esmond measurement archive API")
public class ArchiveResource {

    static final int METADATA_DEFAULT_LIMIT = 1000;
    static final int METADATA_MAX_LIMIT = 10_000;

    private final MetadataService metadata;
    private final DataService data;
    private final DataReadService reads;

    public ArchiveResource(MetadataService metadata, DataService data, DataReadService reads) {
        this.metadata = metadata;
        this.data = data;
        this.reads = reads;
    }

    @GET
    @Path("/")
    @Operation(summary = "Search metadata", description = "Filters: subject fields, event-type, summary-type, "
            + "summary-window, time filters on last update, any free-form parameter; host names resolved by dns-match-rule.")
    @APIResponse(responseCode = "200", description = "A page of metadata; the first carries metadata-count-total")
    public Uni<List<Map<String, Object>>> search(@Context UriInfo uri) {
        MultivaluedMap<String, String> query = uri.getQueryParameters();
        PageRequest page = PageRequest.of(integer(query.getFirst("limit"), "limit"), longValue(query.getFirst("offset"), "offset"),
                METADATA_DEFAULT_LIMIT, METADATA_MAX_LIMIT);
        String origin = origin(uri);
        return metadata.search(query, page.limit(), page.offset()).map(result -> {
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
    @Operation(summary = "Create metadata", description = "Answers the stored metadata; the same metadata posted "
            + "again (same checksum) answers the existing record.")
    @APIResponse(responseCode = "201", description = "The metadata, with its metadata-key")
    @APIResponse(responseCode = "400", description = "Invalid metadata (missing source, unknown event type, summary not allowed)")
    public Uni<Response> create(String body, @Context UriInfo uri) {
        NewMetadata parsed = MetadataParser.parse(DataParser.json(body));
        return metadata.create(parsed).map(m -> Response.status(201).entity(MetadataJson.render(m, origin(uri))).build());
    }

    @GET
    @Path("/{key}/")
    @Operation(summary = "One metadata")
    @APIResponse(responseCode = "200", description = "The metadata")
    @APIResponse(responseCode = "404", description = "No such metadata")
    public Uni<Map<String, Object>> detail(@PathParam("key") String key, @Context UriInfo uri) {
        return metadata.get(key).map(m -> MetadataJson.render(m, origin(uri)));
    }

    @PUT
    @Path("/{key}/")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed("measurements:write")
    @Operation(summary = "Bulk write", description = "{\"data\":[{\"ts\":<s>,\"val\":[{\"event-type\":...,\"val\":...}]}]}")
    @APIResponse(responseCode = "201", description = "All points stored")
    @APIResponse(responseCode = "409", description = "An integer, float or percentage point with that ts exists; nothing stored")
    public Uni<Response> bulk(@PathParam("key") String key, byte[] body) {
        return offload(() -> DataParser.bulk(body)).chain(points -> data.write(key, points)).map(ArchiveResource::created);
    }

    @GET
    @Path("/{key}/{eventType}/")
    @Operation(summary = "An event type with its summaries")
    @APIResponse(responseCode = "200", description = "The event type")
    public Uni<Map<String, Object>> eventType(@PathParam("key") String key, @PathParam("eventType") String eventType) {
        return reads.eventType(key, eventType);
    }

    @GET
    @Path("/{key}/{eventType}/base")
    @Operation(summary = "Raw points", description = "time, time-start, time-end, time-range, limit (default 1000), offset")
    @APIResponse(responseCode = "200", description = "[{\"ts\": <s>, \"val\": ...}], oldest first")
    public Uni<List<Map<String, Object>>> base(@PathParam("key") String key, @PathParam("eventType") String eventType,
                                               @Context UriInfo uri) {
        MultivaluedMap<String, String> query = uri.getQueryParameters();
        return reads.base(key, eventType, TimeRange.from(query), dataPage(query));
    }

    @POST
    @Path("/{key}/{eventType}/base")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed("measurements:write")
    @Operation(summary = "Add one point", description = "{\"ts\": <s>, \"val\": ...}")
    @APIResponse(responseCode = "201", description = "Stored")
    @APIResponse(responseCode = "409", description = "An integer, float or percentage point with that ts exists")
    public Uni<Response> addPoint(@PathParam("key") String key, @PathParam("eventType") String eventType, String body) {
        List<Point> points = DataParser.single(eventType, body);
        return data.write(key, points).map(ArchiveResource::created);
    }

    @GET
    @Path("/{key}/{eventType}/{summary}")
    @Operation(summary = "The windows of a summary", description = "summary: aggregations, averages or statistics")
    @APIResponse(responseCode = "200", description = "The summaries of that type")
    @APIResponse(responseCode = "400", description = "The event type's data type has no such summary")
    public Uni<List<Map<String, Object>>> summaries(@PathParam("key") String key, @PathParam("eventType") String eventType,
                                                    @PathParam("summary") String summary) {
        return reads.summaries(key, eventType, summary);
    }

    @GET
    @Path("/{key}/{eventType}/{summary}/{window}")
    @Operation(summary = "Summary points of one window", description = "time filters, limit and offset as for base")
    @APIResponse(responseCode = "200", description = "[{\"ts\": <bucket start>, \"val\": ...}], oldest first")
    public Uni<List<Map<String, Object>>> summary(@PathParam("key") String key, @PathParam("eventType") String eventType,
                                                  @PathParam("summary") String summary, @PathParam("window") String window,
                                                  @Context UriInfo uri) {
        MultivaluedMap<String, String> query = uri.getQueryParameters();
        return reads.summary(key, eventType, summary, window, TimeRange.from(query), dataPage(query));
    }

    private static Response created(int stored) {
        // Written as text: a serialiser for a one-field object costs more than the bulk PUT's other answers.
        return Response.status(201).entity("{\"stored\":" + stored + "}").type(MediaType.APPLICATION_JSON).build();
    }

    private static <T> Uni<T> offload(java.util.function.Supplier<T> work) {
        // Parsing a bulk body of megabytes is CPU work: keep it off the event loop.
        return Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private static PageRequest dataPage(MultivaluedMap<String, String> query) {
        return PageRequest.of(integer(query.getFirst("limit"), "limit"), longValue(query.getFirst("offset"), "offset"),
                DataReadService.DEFAULT_LIMIT, DataReadService.MAX_LIMIT);
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
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static Integer integer(String value, String name) {
        Long v = longValue(value, name);
        if (v != null && (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE)) {
            throw ProblemException.invalidField(name, "is out of range");
        }
        return v == null ? null : v.intValue();
    }

    private static Long longValue(String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField(name, "must be a whole number");
        }
    }
}
