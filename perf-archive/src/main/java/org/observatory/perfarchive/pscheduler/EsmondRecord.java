package org.observatory.perfarchive.pscheduler;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What pScheduler's esmond archiver would have sent for one run: the metadata POST body and the values of the
 * one data point of the bulk PUT ({@code [{"event-type", "val"}, ...]} at {@code ts}).
 */
public record EsmondRecord(ObjectNode metadata, long ts, ArrayNode values) {
}
