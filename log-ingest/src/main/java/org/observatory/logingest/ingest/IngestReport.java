package org.observatory.logingest.ingest;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.observatory.logingest.txlog.Rejection;

/**
 * What one posted log did.
 *
 * @param lines               lines read
 * @param blocks              client blocks parsed whole
 * @param blocksStored        blocks with at least one stream transfer not stored before
 * @param streams             stream lines in the parsed blocks
 * @param streamsStored       stream transfers stored by this request
 * @param duplicates          stream transfers already stored (same block and stream), skipped
 * @param rejectedLines       lines rejected, all of them
 * @param rejectionsTruncated true when {@code rejections} lists only the first of them
 * @param rejections          rejected lines with their line number and reason
 * @param skippedRecords      well-formed records not stored because they are not transmissions (ringserver RX)
 * @param skipped             the first of them, with line number and reason
 */
@Schema(description = "Counts of a TX log ingest and every rejected line")
public record IngestReport(long lines, long blocks, long blocksStored, long streams, long streamsStored,
                           long duplicates, long rejectedLines, boolean rejectionsTruncated,
                           List<Rejection> rejections, long skippedRecords, List<Rejection> skipped) {
}
