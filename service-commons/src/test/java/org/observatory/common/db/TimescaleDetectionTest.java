package org.observatory.common.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Configured modes need no database; detection itself runs in each service's tests against PostgreSQL. */
class TimescaleDetectionTest {

    @Test
    void aConfiguredModeChoosesWithoutAskingTheDatabase() {
        assertEquals("ts", TimescaleDetection.choose(null, "timescaledb", () -> "ts", () -> "plain").await().indefinitely());
        assertEquals("plain", TimescaleDetection.choose(null, "plain", () -> "ts", () -> "plain").await().indefinitely());
        assertEquals("plain", TimescaleDetection.choose(null, " Partitioned ", () -> "ts", () -> "plain").await().indefinitely());
    }

    @Test
    void refusesAnUnknownMode() {
        assertThrows(IllegalArgumentException.class, () -> TimescaleDetection.choose(null, "mysql", () -> "ts", () -> "plain"));
    }
}
