package org.observatory.ixp.imports;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An import as the API shows it: what, from where, its state and progress, and its report when done. */
public record ImportRun(long id, String kind, LocalDate month, String source, String status, String phase,
        String progress, String requestedBy, OffsetDateTime startedAt, OffsetDateTime finishedAt, Long durationMs,
        String error,
        @Schema(implementation = ImportReport.class, description = "What the import did; null while it runs or when it failed")
        JsonNode report) {
}
