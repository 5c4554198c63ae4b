package org.observatory.logingest.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.observatory.common.problem.ProblemException;

/**
 * Counts the text a request decodes to and refuses (413) a gzip bomb early: the text may not grow past an absolute
 * limit, nor, when the body is gzip, past a multiple of the compressed bytes read so far. Deflate reaches ~1000:1 on
 * blank lines; real TX logs compress about 10:1, so a bomb is refused after a few megabytes, not gigabytes.
 */
final class DecompressionGuard extends FilterInputStream {

    /** Compressed bytes below this count as this much, so that a small, very regular log is not refused. */
    static final long RATIO_FLOOR_BYTES = 64 * 1024;

    private final LimitedInputStream compressed;
    private final boolean gzip;
    private final long maxText;
    private final long maxRatio;
    private long count;

    DecompressionGuard(InputStream text, LimitedInputStream compressed, boolean gzip, long maxText, long maxRatio) {
        super(text);
        this.compressed = compressed;
        this.gzip = gzip;
        this.maxText = maxText;
        this.maxRatio = maxRatio;
    }

    /** Decompressed bytes read so far. */
    long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            add(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            add(n);
        }
        return n;
    }

    private void add(long n) {
        count += n;
        if (count > maxText) {
            throw tooLarge("The decompressed log is larger than the limit of " + maxText + " bytes");
        }
        if (gzip && count > maxRatio * Math.max(compressed.count(), RATIO_FLOOR_BYTES)) {
            throw tooLarge("The decompressed log grew past " + maxRatio + " times its compressed size ("
                    + compressed.count() + " bytes read), as a gzip bomb does");
        }
    }

    private ProblemException tooLarge(String reason) {
        return new ProblemException(413, "Payload Too Large", reason + "; refused after " + count
                + " decompressed bytes, nothing was stored.");
    }
}
