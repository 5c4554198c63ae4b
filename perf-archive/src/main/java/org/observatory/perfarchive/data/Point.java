package org.observatory.perfarchive.data;

import org.observatory.perfarchive.eventtype.DataType;

/** A validated raw point of one event type. */
public record Point(String eventType, DataType dataType, long ts, PointValue value) {
}
