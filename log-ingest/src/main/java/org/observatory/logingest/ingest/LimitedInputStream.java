package org.observatory.logingest.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.observatory.common.problem.ProblemException;

/** Counts what is read and refuses (413) to read past a limit: the request then fails whole. */
class LimitedInputStream extends FilterInputStream {

    private final long limit;
    private final String what;
    private long count;

    LimitedInputStream(InputStream in, long limit, String what) {
        super(in);
        this.limit = limit;
        this.what = what;
    }

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
        check(count);
    }

    /** Called with the running count after every read; refuses past the limit. */
    void check(long count) {
        if (count > limit) {
            throw new ProblemException(413, "Payload Too Large",
                    "The " + what + " is larger than the limit of " + limit + " bytes; nothing was stored.");
        }
    }
}
