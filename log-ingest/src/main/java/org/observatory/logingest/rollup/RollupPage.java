package org.observatory.logingest.rollup;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One page of rollup rows. Each row maps {@link #columns()} to values: the bucket start (series only), the
 * grouped dimensions, then {@code bytes}, {@code packets} and {@code events} (stream transfers).
 */
public record RollupPage(String resolution, Instant from, Instant to, List<String> groupBy, List<String> columns,
                         long total, int limit, long offset,
                         @Schema(description = "One object per row with the columns as keys: bucket (series only), the grouped"
                                 + " dimensions, then bytes, packets and events") List<Map<String, Object>> rows) {
}
