package org.observatory.logingest.txlog;

import java.time.Instant;
import java.util.List;

/**
 * One client's block of a TX log: who, when, and what it received.
 *
 * @param line        line number of the START line (or of the JSON object)
 * @param host        client host name as ringserver resolved it (may equal the address)
 * @param address     client IP address, IPv4 or IPv6, as written
 * @param protocol    protocol ({@code SeedLink}, {@code DataLink}, ...)
 * @param clientId    client id or agent, may contain spaces
 * @param logTime     when ringserver wrote the block (end of the period)
 * @param connectTime when the client connected
 * @param streams     the stream lines, never empty
 * @param protocolVersion protocol version as ringserver 4 writes it in JSON Lines ({@code 4.0}), null when not given
 * @param username    the authenticated user (JSON Lines {@code auth.username}), null when not given
 */
public record TxBlock(long line, String host, String address, String protocol, String clientId,
                      Instant logTime, Instant connectTime, List<StreamTransfer> streams,
                      String protocolVersion, String username) {

    public TxBlock {
        streams = List.copyOf(streams);
    }

    /** A block of the legacy text format, which names neither protocol version nor user. */
    public TxBlock(long line, String host, String address, String protocol, String clientId,
                   Instant logTime, Instant connectTime, List<StreamTransfer> streams) {
        this(line, host, address, protocol, clientId, logTime, connectTime, streams, null, null);
    }

    public long totalBytes() {
        return streams.stream().mapToLong(StreamTransfer::bytes).sum();
    }
}
