package org.observatory.logingest.ingest;

import java.io.InputStream;
import org.observatory.common.problem.ProblemException;

/**
 * Counts the text a request decodes to and refuses (413) a gzip bomb early: the text may not grow past an absolute
 * limit, nor, when the body is gzip, past a multiple of the compressed bytes read so far. Deflate reaches ~1000:1 on
 * blank lines; real TX logs compress about 10:1, so a bomb is refused after a few megabytes, not gigabytes.
 */
final class DecompressionGuard extends LimitedInputStream {

    /** Compressed bytes below this count as this much, so that a small, very regular log is not refused. */
    static final long RATIO_FLOOR_BYTES = 64 * 1024;

    private final LimitedInputStream compressed;
    private final boolean gzip;
    private final long maxText;
    private final long maxRatio;

    DecompressionGuard(InputStream text, LimitedInputStream compressed, boolean gzip, long maxText, long maxRatio) {
        super(text, maxText, "decompressed log");
        this.compressed = compressed;
        this.gzip = gzip;
        this.maxText = maxText;
        this.maxRatio = maxRatio;
    }

    @Override
    void check(long count) {
        if (count > maxText) {
            throw tooLarge(count, "The decompressed log is larger than the limit of " + maxText + " bytes");
        }
        if (gzip && count > maxRatio * Math.max(compressed.count(), RATIO_FLOOR_BYTES)) {
            throw tooLarge(count, "The decompressed log grew past " + maxRatio + " times its compressed size ("
                    + compressed.count() + " bytes read), as a gzip bomb does");
        }
    }

    private static ProblemException tooLarge(long count, String reason) {
        return new ProblemException(413, "Payload Too Large", reason + "; refused after " + count
                + " decompressed bytes, nothing was stored.");
    }
}
