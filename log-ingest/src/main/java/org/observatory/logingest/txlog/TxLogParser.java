package org.observatory.logingest.txlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Streaming parser of ringserver TX logs: the legacy text format (older and v4 stream ids, both time formats)
 * and JSON Lines, mixed freely. Lines are pushed one at a time with {@link #line(String)}; complete blocks and
 * rejections go to the {@link Sink} as soon as they are known, so memory holds at most one block.
 *
 * <p>A block is delivered whole or rejected whole: any fault inside it (a bad stream line, a missing END, an
 * END that disagrees with the START or with the sum of its lines) rejects every line of the block, each with a
 * line number and reason. One bad block never stops the rest of the file.
 */
public final class TxLogParser {

    /** Receives the parser's results in file order. */
    public interface Sink {
        void block(TxBlock block);

        void rejected(Rejection rejection);

        /**
         * A well-formed record that is not a transmission: ringserver's RX records (data received from a data
         * source). Not stored, so that received bytes never count as transmitted; reported with the reason.
         */
        default void skipped(Rejection skip) {
        }
    }

    /** More blank or rejected lines than {@link ParserLimits#maxUnusableLines()}: the whole log is refused. */
    public static final class TooManyUnusableLines extends RuntimeException {
        private final long limit;

        TooManyUnusableLines(long limit) {
            super("more than " + limit + " lines without a record", null, false, false);
            this.limit = limit;
        }

        public long limit() {
            return limit;
        }
    }

    static final String RX_REASON = "RX record (data received from a data source, not sent to a client): "
            + "not counted as transmitted";

    private static final String TIME = "(\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?Z?)";
    // The client id may hold spaces, slashes and parentheses, but no '|': the protocol ends at the first '|'.
    private static final Pattern START = Pattern.compile(
            "^START CLIENT (\\S*) \\[([^\\]\\s]*)\\] \\(([^|()]*)\\|(.*)\\) @ " + TIME + " \\(connected " + TIME + "\\) (TX|RX)$");
    private static final Pattern END = Pattern.compile("^END CLIENT (\\S*) \\[([^\\]\\s]*)\\] total (TX|RX) bytes: (\\S+)$");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+(%[0-9A-Za-z]+)?");
    private final ObjectMapper json;
    private final ParserLimits limits;
    private final Sink sink;
    private long lineNumber;
    private long unusableLines;
    private OpenBlock open;

    /** {@code json}: the application's ObjectMapper, so that JSON Lines meet the house rules (no NUL in strings). */
    public TxLogParser(ObjectMapper json, ParserLimits limits, Sink sink) {
        this.json = json;
        this.limits = limits;
        this.sink = sink;
    }

    /**
     * Reads a whole stream line by line (UTF-8, LF or CRLF) and calls {@link #finish()}. Lines longer than
     * {@link ParserLimits#maxLineLength()} are rejected and skipped without being held in memory.
     *
     * @return the number of lines read
     */
    public static long parse(ObjectMapper json, InputStream in, ParserLimits limits, Sink sink) throws IOException {
        TxLogParser parser = new TxLogParser(json, limits, sink);
        LineReader reader = new LineReader(in, limits.maxLineLength());
        String line;
        while ((line = reader.next()) != null) {
            if (line == LineReader.TOO_LONG) {
                parser.tooLong(reader.skippedLength());
            } else {
                parser.line(line);
            }
        }
        parser.finish();
        return parser.lines();
    }

    /** Lines seen so far. */
    public long lines() {
        return lineNumber;
    }

    /** Takes the next line, without its line terminator. */
    public void line(String text) {
        lineNumber++;
        if (text.indexOf('\0') >= 0 || text.indexOf('\uFFFD') >= 0) {
            fault(Rejection.of(lineNumber, "binary data, not a text log line", text));
            return;
        }
        String line = text.strip();
        if (line.isEmpty()) {
            unusable();
            return;
        }
        if (line.startsWith("START CLIENT")) {
            closeUnfinished();
            start(line);
        } else if (line.startsWith("END CLIENT")) {
            end(line);
        } else if (line.startsWith("{")) {
            closeUnfinished();
            json(line);
        } else if (open != null) {
            streamLine(line);
        } else {
            reject(Rejection.of(lineNumber, "not inside a START CLIENT ... END CLIENT block", line));
        }
    }

    /** Ends the input: a block still open was truncated. */
    public void finish() {
        closeUnfinished();
    }

    void tooLong(long length) {
        lineNumber++;
        fault(new Rejection(lineNumber, "line of " + length + " bytes is longer than the limit of "
                + limits.maxLineLength() + " bytes", ""));
    }

    private void reject(Rejection rejection) {
        unusable();
        sink.rejected(rejection);
    }

    private void unusable() {
        if (++unusableLines > limits.maxUnusableLines()) {
            throw new TooManyUnusableLines(limits.maxUnusableLines());
        }
    }

    private void fault(Rejection rejection) {
        if (open != null) {
            open.faults.add(rejection);
            open.lastLine = rejection.line();
        } else {
            reject(rejection);
        }
    }

    private void start(String line) {
        Matcher m = START.matcher(line);
        open = new OpenBlock(lineNumber, line);
        if (!m.matches()) {
            open.faults.add(Rejection.of(lineNumber, "START line does not match 'START CLIENT <host> [<ip>] "
                    + "(<protocol>|<client id>) @ <time> (connected <time>) TX|RX'", line));
            return;
        }
        open.host = m.group(1);
        open.address = m.group(2);
        open.protocol = m.group(3).strip();
        open.clientId = m.group(4).strip();
        open.direction = m.group(7);
        try {
            checkAddress(open.address);
            open.logTime = time(m.group(5), "log time");
            open.connectTime = time(m.group(6), "connect time");
            checkTimes(open.logTime, open.connectTime);
        } catch (IllegalArgumentException e) {
            open.faults.add(Rejection.of(lineNumber, e.getMessage(), line));
        }
    }

    private void streamLine(String line) {
        open.lastLine = lineNumber;
        // '<stream id> <bytes> <packets>', split by hand: this runs for every stream line.
        int first = line.indexOf(' ');
        int second = first < 0 ? -1 : line.indexOf(' ', first + 1);
        if (first <= 0 || second < 0 || line.indexOf(' ', second + 1) >= 0 || second == first + 1 || second == line.length() - 1) {
            open.faults.add(Rejection.of(lineNumber, "stream line does not match '<stream id> <bytes> <packets>'", line));
            return;
        }
        try {
            StreamId id = StreamId.parse(line.substring(0, first));
            long bytes = count(line.substring(first + 1, second), "bytes");
            long packets = count(line.substring(second + 1), "packets");
            checkTransfer(bytes, packets);
            open.streams.add(new StreamTransfer(lineNumber, id, bytes, packets));
        } catch (IllegalArgumentException e) {
            open.faults.add(Rejection.of(lineNumber, e.getMessage(), line));
        }
    }

    private void end(String line) {
        if (open == null) {
            reject(Rejection.of(lineNumber, "END CLIENT without a START CLIENT before it", line));
            return;
        }
        open.lastLine = lineNumber;
        open.endLine = lineNumber;
        open.endText = line;
        Matcher m = END.matcher(line);
        if (!m.matches()) {
            open.faults.add(Rejection.of(lineNumber, "END line does not match 'END CLIENT <host> [<ip>] total TX|RX bytes: <n>'", line));
        } else if (open.faults.isEmpty()) {
            if (!m.group(1).equals(open.host) || !m.group(2).equals(open.address) || !m.group(3).equals(open.direction)) {
                open.faults.add(Rejection.of(lineNumber, "END names client " + m.group(1) + " [" + m.group(2)
                        + "] " + m.group(3) + " but the block started for " + open.host + " [" + open.address + "] "
                        + open.direction, line));
            } else {
                try {
                    long total = count(m.group(4), "total " + open.direction + " bytes");
                    long sum = open.streams.stream().mapToLong(StreamTransfer::bytes).sum();
                    if (total != sum) {
                        open.faults.add(Rejection.of(lineNumber, "total " + open.direction + " bytes " + total
                                + " differs from the sum of the stream lines " + sum, line));
                    }
                } catch (IllegalArgumentException e) {
                    open.faults.add(Rejection.of(lineNumber, e.getMessage(), line));
                }
            }
        }
        OpenBlock block = open;
        open = null;
        deliver(block);
    }

    private void closeUnfinished() {
        if (open != null) {
            OpenBlock block = open;
            open = null;
            block.faults.add(0, Rejection.of(block.startLine, "block is not closed by an END CLIENT line "
                    + "(truncated log?)", block.startText));
            deliver(block);
        }
    }

    private void deliver(OpenBlock block) {
        if (block.faults.isEmpty() && "RX".equals(block.direction)) {
            sink.skipped(Rejection.of(block.startLine, RX_REASON, block.startText));
            return;
        }
        if (block.faults.isEmpty()) {
            sink.block(new TxBlock(block.startLine, block.host, block.address, block.protocol, block.clientId,
                    block.logTime, block.connectTime, block.streams));
            return;
        }
        // Report every line of the rejected block: the faulty ones with their reason, the others as collateral.
        Rejection first = block.faults.get(0);
        String collateral = "block rejected: " + first.reason() + " (line " + first.line() + ")";
        List<Rejection> all = new ArrayList<>(block.faults);
        if (block.faults.stream().noneMatch(r -> r.line() == block.startLine)) {
            all.add(Rejection.of(block.startLine, collateral, block.startText));
        }
        for (StreamTransfer t : block.streams) {
            all.add(new Rejection(t.line(), collateral, t.stream().text() + " " + t.bytes() + " " + t.packets()));
        }
        if (block.endLine > 0) {
            all.add(Rejection.of(block.endLine, collateral, block.endText));
        }
        all.sort((a, b) -> Long.compare(a.line(), b.line()));
        long previous = -1;
        for (Rejection r : all) {
            if (r.line() != previous) {
                reject(r);
            }
            previous = r.line();
        }
    }

    private void json(String line) {
        try {
            JsonNode node;
            try {
                node = json.readTree(line);
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException("not a valid JSON object: " + firstLine(e.getMessage()));
            }
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            // Field names as ringserver 4 writes them (src/logging.c, WriteTransferLog); the older guesses of this
            // service (client.protocol, client.client_id, ...) are still read when the ringserver names are absent.
            JsonNode client = node.path("client");
            if (!client.isObject()) {
                throw new IllegalArgumentException("JSON object lacks the 'client' object");
            }
            String direction = text(node, "transfer_direction");
            if (direction != null && !direction.equals("TX") && !direction.equals("RX")) {
                throw new IllegalArgumentException("transfer_direction '" + Rejection.excerpt(direction) + "' is neither TX nor RX");
            }
            String address = text(client, "ip", "address", "ip_address");
            String host = text(client, "hostname", "host");
            JsonNode transferProtocol = node.path("transfer_protocol");
            String protocol = text(transferProtocol, "name");
            if (protocol == null) {
                protocol = text(client, "protocol");
            }
            String protocolVersion = text(transferProtocol, "version");
            String username = text(node.path("auth"), "username");
            String clientId = text(client, "user_agent", "client_id", "id", "agent", "useragent");
            if (address == null) {
                throw new IllegalArgumentException("JSON client lacks 'ip'");
            }
            checkAddress(address);
            Instant logTime = time(required(node, "log_time"), "log time");
            Instant connectTime = time(required(node, "connect_time"), "connect time");
            checkTimes(logTime, connectTime);
            JsonNode streams = node.path("streams");
            if (!streams.isArray()) {
                throw new IllegalArgumentException("JSON object lacks the 'streams' array");
            }
            List<StreamTransfer> transfers = new ArrayList<>(streams.size());
            long sum = 0;
            for (JsonNode s : streams) {
                String id = s.path("stream_id").isTextual() ? s.path("stream_id").asText() : s.path("id").asText(null);
                if (id == null) {
                    throw new IllegalArgumentException("a stream lacks 'stream_id'");
                }
                long bytes = jsonCount(s.path("bytes"), "bytes");
                long packets = jsonCount(s.path("packets"), "packets");
                checkTransfer(bytes, packets);
                transfers.add(new StreamTransfer(lineNumber, StreamId.parse(id), bytes, packets));
                sum += bytes;
            }
            JsonNode total = node.path("transfer_bytes");
            if (!total.isMissingNode() && jsonCount(total, "transfer_bytes") != sum) {
                throw new IllegalArgumentException("transfer_bytes " + total.asText() + " differs from the sum of the streams' bytes " + sum);
            }
            if ("RX".equals(direction)) {
                sink.skipped(Rejection.of(lineNumber, RX_REASON, line));
                return;
            }
            sink.block(new TxBlock(lineNumber, host == null ? address : host, address,
                    protocol == null ? "" : protocol, clientId == null ? "" : clientId, logTime, connectTime, transfers,
                    protocolVersion, username));
        } catch (IllegalArgumentException e) {
            reject(Rejection.of(lineNumber, e.getMessage(), line));
        }
    }

    private static String required(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual()) {
            throw new IllegalArgumentException("JSON object lacks '" + field + "' as a time string");
        }
        return value.asText();
    }

    private static String text(JsonNode node, String... fields) {
        for (String field : fields) {
            JsonNode value = node.path(field);
            if (value.isTextual() && !value.asText().isBlank()) {
                return value.asText().strip();
            }
        }
        return null;
    }

    private static long jsonCount(JsonNode value, String what) {
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 0) {
            throw new IllegalArgumentException(what + " is not a non-negative whole number: " + value);
        }
        return value.asLong();
    }

    private static long count(String digits, String what) {
        boolean plain = !digits.isEmpty() && digits.length() <= 19;
        for (int i = 0; plain && i < digits.length(); i++) {
            char c = digits.charAt(i);
            plain = c >= '0' && c <= '9';
        }
        if (!plain) {
            throw new IllegalArgumentException(what + " '" + Rejection.excerpt(digits) + "' is not a non-negative whole number");
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " " + digits + " is too large");
        }
    }

    private void checkTransfer(long bytes, long packets) {
        if (bytes > limits.maxBytesPerLine()) {
            throw new IllegalArgumentException("bytes " + bytes + " exceed the plausible maximum of "
                    + limits.maxBytesPerLine() + " per stream line");
        }
        if (packets > bytes) {
            throw new IllegalArgumentException("packets " + packets + " exceed bytes " + bytes);
        }
    }

    private void checkTimes(Instant logTime, Instant connectTime) {
        if (logTime.isAfter(limits.latest())) {
            throw new IllegalArgumentException("log time " + logTime + " is in the future (after " + limits.latest() + ")");
        }
        if (logTime.isBefore(limits.earliest()) || connectTime.isBefore(limits.earliest())) {
            throw new IllegalArgumentException("time before " + limits.earliest() + " is not plausible");
        }
        if (logTime.isBefore(limits.retainedFrom())) {
            throw new IllegalArgumentException("log time " + logTime + " is older than the raw-data retention horizon "
                    + limits.retainedFrom() + ": its rows would be dropped before they are rolled up");
        }
        if (connectTime.isAfter(logTime)) {
            throw new IllegalArgumentException("connect time " + connectTime + " is after log time " + logTime);
        }
    }

    /** Both forms are UTC: {@code 2016-11-28 00:00:00} (older) and {@code 2016-11-28T00:00:00Z} (v4). */
    static Instant time(String text, String what) {
        String iso = text.endsWith("Z") ? text.substring(0, text.length() - 1) : text;
        try {
            return LocalDateTime.parse(iso.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(what + " '" + Rejection.excerpt(text) + "' is not a valid time");
        }
    }

    /** Only literals: the address is never looked up in DNS. */
    static void checkAddress(String address) {
        boolean literal = IPV4.matcher(address).matches() || (address.indexOf(':') >= 0 && IPV6.matcher(address).matches());
        if (literal) {
            try {
                InetAddress.getByName(address);
                return;
            } catch (UnknownHostException e) {
                // falls through to the rejection below
            }
        }
        throw new IllegalArgumentException("client address '" + Rejection.excerpt(address) + "' is not an IPv4 or IPv6 address");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static final class OpenBlock {
        final long startLine;
        final String startText;
        final List<StreamTransfer> streams = new ArrayList<>();
        final List<Rejection> faults = new ArrayList<>();
        String host;
        String address;
        String protocol;
        String clientId;
        String direction;
        Instant logTime;
        Instant connectTime;
        long lastLine;
        long endLine;
        String endText;

        OpenBlock(long startLine, String startText) {
            this.startLine = startLine;
            this.startText = startText;
        }
    }
}
