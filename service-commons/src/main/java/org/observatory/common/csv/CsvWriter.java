package org.observatory.common.csv;

import java.util.List;

/**
 * Writes RFC 4180 CSV: a header row, then one row per record, columns always in the header's order.
 */
public final class CsvWriter {

    private final StringBuilder out = new StringBuilder();
    private final int columns;

    public CsvWriter(List<String> header) {
        this.columns = header.size();
        appendRow(header);
    }

    /** Appends a row; null cells are written empty. */
    public CsvWriter row(List<?> cells) {
        if (cells.size() != columns) {
            throw new IllegalArgumentException("row has " + cells.size() + " cells, header has " + columns);
        }
        appendRow(cells);
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    private void appendRow(List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(escape(cells.get(i)));
        }
        out.append("\r\n");
    }

    static String escape(Object cell) {
        if (cell == null) {
            return "";
        }
        String text = cell.toString();
        boolean quote = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0
                || text.indexOf('\r') >= 0;
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }
}
