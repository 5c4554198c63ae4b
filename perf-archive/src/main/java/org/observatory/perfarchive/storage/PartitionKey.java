package org.observatory.perfarchive.storage;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** The monthly partition of an event type that holds a timestamp. */
public record PartitionKey(String eventType, LocalDate month) {

    public static PartitionKey of(String eventType, long ts) {
        LocalDate day = LocalDate.ofInstant(Instant.ofEpochSecond(ts), ZoneOffset.UTC);
        return new PartitionKey(eventType, day.withDayOfMonth(1));
    }
}
