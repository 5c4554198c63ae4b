package org.observatory.logingest.txlog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads UTF-8 lines from a stream with a bound on line length, so that a body without newlines (binary
 * garbage, a 2 GB single line) never sits in memory. Invalid UTF-8 decodes to U+FFFD, which the parser rejects.
 */
final class LineReader {

    /** Returned (by identity) for a line longer than the limit; {@link #skippedLength()} says how long. */
    static final String TOO_LONG = new String("<too long>");

    private final InputStream in;
    private final int maxLength;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private byte[] line = new byte[256];
    private int lineLength;
    private long skipped;
    private boolean eof;

    LineReader(InputStream in, int maxLength) {
        this.in = in;
        this.maxLength = maxLength;
    }

    long skippedLength() {
        return skipped;
    }

    /** The next line without its terminator, {@link #TOO_LONG}, or null at the end. */
    String next() throws IOException {
        lineLength = 0;
        skipped = 0;
        boolean overflow = false;
        while (true) {
            if (position == limit) {
                if (eof || !fill()) {
                    eof = true;
                    if (overflow) {
                        return TOO_LONG;
                    }
                    return lineLength == 0 ? null : decode();
                }
            }
            int start = position;
            int newline = -1;
            for (int i = position; i < limit; i++) {
                if (buffer[i] == '\n') {
                    newline = i;
                    break;
                }
            }
            int end = newline < 0 ? limit : newline;
            int chunk = end - start;
            position = newline < 0 ? limit : newline + 1;
            if (overflow || lineLength + chunk > maxLength) {
                if (!overflow) {
                    skipped = lineLength;
                    overflow = true;
                }
                skipped += chunk;
                lineLength = 0;
            } else {
                append(start, chunk);
            }
            if (newline >= 0) {
                return overflow ? TOO_LONG : decode();
            }
        }
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    private void append(int start, int length) {
        if (lineLength + length > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + length));
        }
        System.arraycopy(buffer, start, line, lineLength, length);
        lineLength += length;
    }

    private String decode() {
        int length = lineLength;
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        return new String(line, 0, length, StandardCharsets.UTF_8);
    }
}
