package org.observatory.perfarchive.metadata;

import org.observatory.perfarchive.eventtype.SummaryType;

/**
 * One stored series of a metadata: an event type with its raw points (summary {@code base}, window 0) or one
 * of its summaries in one window.
 *
 * @param timeUpdated UNIX seconds of the last write, null before the first
 */
public record Series(long id, long metadataId, String eventType, SummaryType summaryType, long window, Long timeUpdated) {
}
