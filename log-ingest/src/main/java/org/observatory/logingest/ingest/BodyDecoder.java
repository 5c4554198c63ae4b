package org.observatory.logingest.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.observatory.common.problem.ProblemException;

/** Gzip by {@code Content-Encoding} or by its magic bytes (so {@code application/gzip} too); anything else is read as it is. */
final class BodyDecoder {

    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;

    private BodyDecoder() {
    }

    static InputStream decode(InputStream body, String contentEncoding) throws IOException {
        String encoding = contentEncoding == null ? "" : contentEncoding.strip().toLowerCase(Locale.ROOT);
        boolean declaredGzip = encoding.equals("gzip") || encoding.equals("x-gzip");
        if (!declaredGzip && !encoding.isEmpty() && !encoding.equals("identity")) {
            throw new ProblemException(415, "Unsupported Media Type",
                    "Content-Encoding '" + contentEncoding + "' is not supported; send gzip or identity.");
        }
        PushbackInputStream in = new PushbackInputStream(body, 2);
        int first = in.read();
        int second = first < 0 ? -1 : in.read();
        if (second >= 0) {
            in.unread(second);
        }
        if (first >= 0) {
            in.unread(first);
        }
        boolean magic = first == GZIP_MAGIC_1 && second == GZIP_MAGIC_2;
        if (declaredGzip && !magic && first >= 0) {
            throw ProblemException.badRequest("Content-Encoding says gzip but the body is not gzip data.");
        }
        if (!magic) {
            return in;
        }
        try {
            return new GZIPInputStream(in, 64 * 1024);
        } catch (IOException e) {
            throw ProblemException.badRequest("The gzip header is corrupt: " + e.getMessage());
        }
    }
}
