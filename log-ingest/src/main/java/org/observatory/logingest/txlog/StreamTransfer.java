package org.observatory.logingest.txlog;

/**
 * One stream line of a block: what one client received of one stream during the logging period.
 *
 * @param line    line number in the posted log (1-based; for JSON Lines the line of the object)
 * @param stream  the stream
 * @param bytes   bytes sent
 * @param packets packets sent
 */
public record StreamTransfer(long line, StreamId stream, long bytes, long packets) {
}
