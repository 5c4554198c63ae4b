package org.observatory.ixp.stats;

import jakarta.ws.rs.QueryParam;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.observatory.ixp.common.Months;

/** The months a statistics request is about: one month, or a range of at most 240; a {@code @BeanParam}. */
public class MonthRangeParams {

    @QueryParam("month")
    @Parameter(description = "One month, YYYY-MM (or give from and to)", example = "2024-05",
            schema = @Schema(pattern = "^[0-9]{4}-[0-9]{2}$"))
    String month;

    @QueryParam("from")
    @Parameter(description = "First month of a range, YYYY-MM", example = "2023-01",
            schema = @Schema(pattern = "^[0-9]{4}-[0-9]{2}$"))
    String from;

    @QueryParam("to")
    @Parameter(description = "Last month of a range (inclusive, at most 240 months), YYYY-MM", example = "2023-12",
            schema = @Schema(pattern = "^[0-9]{4}-[0-9]{2}$"))
    String to;

    /** The first days of the asked months, in order; a bad month or range is a 400. */
    List<LocalDate> months() {
        return Months.range(month, from, to);
    }
}
