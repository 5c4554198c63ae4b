package org.observatory.logingest.directory;

import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.nio.file.Files;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.observatory.common.problem.ProblemException;
import org.observatory.logingest.common.LogIngestConfig;

/** Reads the configured log folder on an operator's request; never a path from the request. */
@Path("/logs/directory")
@Tag(name = "TX logs")
public class DirectoryResource {

    private final DirectoryIngestService service;
    private final LogIngestConfig config;

    public DirectoryResource(DirectoryIngestService service, LogIngestConfig config) {
        this.service = service;
        this.config = config;
    }

    @POST
    @RolesAllowed("logs:admin")
    @Blocking
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "ingestLogDirectory", summary = "Ingest the configured log folder",
            description = "Each regular file of logs.directory.path (or only the one named by 'file') is ingested "
                    + "in its own transaction; the answer has one result per file.")
    @APIResponse(responseCode = "200", description = "One result per file")
    @APIResponse(responseCode = "400", description = "'file' is not a plain file name")
    @APIResponse(responseCode = "404", description = "No such file in the folder")
    @APIResponse(responseCode = "409", description = "No folder configured, or it does not exist")
    public List<DirectoryIngestService.FileResult> ingest(@QueryParam("file") @Parameter(description = "Only this file of the"
            + " folder: a plain file name, no path", example = "txlog-2026-03-16") String file) {
        String configured = config.directory().path().filter(p -> !p.isBlank()).orElseThrow(() ->
                ProblemException.conflict("No log folder is configured (logs.directory.path / LOGS_DIRECTORY)."));
        java.nio.file.Path directory = java.nio.file.Path.of(configured);
        if (!Files.isDirectory(directory)) {
            throw ProblemException.conflict("The configured log folder does not exist.");
        }
        if (file == null) {
            return service.ingest(List.of(directory));
        }
        if (file.isBlank() || file.contains("/") || file.contains("\\") || file.startsWith(".")) {
            throw ProblemException.invalidField("file", "must be the plain name of a file in the log folder");
        }
        java.nio.file.Path target = directory.resolve(file);
        if (!Files.isRegularFile(target)) {
            throw ProblemException.notFound("No file '" + file + "' in the log folder.");
        }
        return service.ingest(List.of(target));
    }
}
