package org.observatory.ixp.imports;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An import as the API shows it: what, from where, its state and progress, and its report when done. */
public record ImportRun(long id, String kind, LocalDate month, String source, String status, String phase,
        String progress, String requestedBy, OffsetDateTime startedAt, OffsetDateTime finishedAt, Long durationMs,
        String error,
        // Stored as jsonb and read back as a tree; its shape is ImportReport's (null while running or after a failure).
        @Schema(implementation = ImportReport.class) JsonNode report) {

    /** The run without the account name of who asked for it, for anonymous readers. */
    public ImportRun withoutRequester() {
        return new ImportRun(id, kind, month, source, status, phase, progress, null, startedAt, finishedAt, durationMs,
                error, report);
    }
}
