package org.observatory.perfarchive.pscheduler;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The answer to a run: what became of it.
 *
 * @param run         the run's uuid
 * @param status      {@code mapped} (as the esmond archiver would have stored it), {@code raw} (a known test
 *                    type whose result could not be mapped: kept as pscheduler-raw and reported), or
 *                    {@code duplicate} (this run was stored before: nothing stored again)
 * @param metadataKey the esmond metadata the run's values are under
 * @param points      values stored (0 for a duplicate)
 * @param problem     why the result could not be mapped, for {@code raw}
 */
@Schema(name = "RunReceipt", description = "What became of a pScheduler run")
public record RunReceipt(
        @Schema(example = "9b0f2e8c-3c1e-4f7a-9d59-2d3f3c1b8a11") String run,
        @Schema(enumeration = {"mapped", "raw", "duplicate"}) String status,
        @Schema(example = "5C1A2B3D4E5F60718293A4B5C6D7E8F9") String metadataKey,
        int points,
        String problem) {
}
