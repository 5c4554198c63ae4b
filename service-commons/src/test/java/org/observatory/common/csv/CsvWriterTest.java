package org.observatory.common.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvWriterTest {

    @Test
    void writesHeaderThenRowsWithCrLf() {
        String csv = new CsvWriter(List.of("network", "bytes")).row(List.of("IU", 42)).toString();
        assertEquals("network,bytes\r\nIU,42\r\n", csv);
    }

    @Test
    void quotesCellsWithSeparatorsQuotesAndLineBreaks() {
        String csv = new CsvWriter(List.of("a", "b", "c")).row(List.of("x,y", "say \"hi\"", "two\nlines")).toString();
        assertEquals("a,b,c\r\n\"x,y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n", csv);
    }

    @Test
    void writesNullAsEmptyCell() {
        assertEquals("a,b\r\n,1\r\n", new CsvWriter(List.of("a", "b")).row(Arrays.asList(null, 1)).toString());
    }

    @Test
    void refusesRowsThatDoNotMatchTheHeader() {
        CsvWriter writer = new CsvWriter(List.of("a", "b"));
        assertThrows(IllegalArgumentException.class, () -> writer.row(List.of("only one")));
    }
}
