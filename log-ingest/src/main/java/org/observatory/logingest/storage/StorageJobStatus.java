package org.observatory.logingest.storage;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A storage job, its last run and outcome.
 *
 * @param job          the job's name
 * @param description  what it does
 * @param available    false when the storage dialect has no such job (then {@code detail} says why)
 * @param lastStarted  when it last started, null if never
 * @param lastFinished when that run ended, null while it runs or if never
 * @param outcome      {@code succeeded}, {@code failed}, {@code skipped} (another replica held it), {@code running},
 *                     {@code never run} or {@code unavailable}
 * @param detail       what the last run did, or why it failed
 */
@Schema(description = "A storage job with its last run and outcome")
public record StorageJobStatus(String job, String description, boolean available, Instant lastStarted,
                               Instant lastFinished, String outcome, String detail) {
}
