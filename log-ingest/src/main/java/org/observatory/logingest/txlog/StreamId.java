package org.observatory.logingest.txlog;

/**
 * A ringserver stream id, split into its parts. Older logs write {@code NET_STA_LOC_CHA/MSEED}; ringserver v4
 * writes FDSN source identifiers {@code FDSN:NET_STA_LOC_B_S_SS/MSEED}, where band, source and subsource are
 * separate. For FDSN ids {@link #channel()} is band, source and subsource joined, so that {@code IU_SNZO_10_BHZ}
 * and {@code FDSN:IU_SNZO_10_B_H_Z} land on the same channel.
 *
 * @param network   network code, never empty
 * @param station   station code, never empty
 * @param location  location code, empty when the id has none
 * @param channel   SEED channel (or band+source+subsource)
 * @param band      FDSN band code, null for older ids
 * @param source    FDSN source code, null for older ids
 * @param subsource FDSN subsource code, null for older ids
 * @param format    payload type after the slash ({@code MSEED}), empty when absent
 */
public record StreamId(String network, String station, String location, String channel,
                       String band, String source, String subsource, String format) {

    private static final String FDSN_PREFIX = "FDSN:";
    private static final int MAX_CODE_LENGTH = 16;

    /**
     * Parses a stream id.
     *
     * @throws IllegalArgumentException with a reason a person can act on
     */
    public static StreamId parse(String text) {
        int slash = text.indexOf('/');
        String id = slash < 0 ? text : text.substring(0, slash);
        String format = slash < 0 ? "" : text.substring(slash + 1);
        if (!isCode(format)) {
            throw new IllegalArgumentException("stream format '" + format + "' has characters other than letters and digits");
        }
        boolean fdsn = id.startsWith(FDSN_PREFIX);
        String[] parts = (fdsn ? id.substring(FDSN_PREFIX.length()) : id).split("_", -1);
        int expected = fdsn ? 6 : 4;
        if (parts.length != expected) {
            throw new IllegalArgumentException((fdsn ? "FDSN source id" : "stream id") + " '" + id + "' has "
                    + parts.length + " parts separated by '_', expected " + expected);
        }
        for (String part : parts) {
            if (part.length() > MAX_CODE_LENGTH || !isCode(part)) {
                throw new IllegalArgumentException("stream id '" + id + "' has an invalid code '" + part + "'");
            }
        }
        if (parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new IllegalArgumentException("stream id '" + id + "' lacks a network or station code");
        }
        if (fdsn) {
            if (parts[3].isEmpty() || parts[4].isEmpty() || parts[5].isEmpty()) {
                throw new IllegalArgumentException("FDSN source id '" + id + "' lacks band, source or subsource");
            }
            return new StreamId(parts[0], parts[1], parts[2], parts[3] + parts[4] + parts[5],
                    parts[3], parts[4], parts[5], format);
        }
        if (parts[3].isEmpty()) {
            throw new IllegalArgumentException("stream id '" + id + "' lacks a channel code");
        }
        return new StreamId(parts[0], parts[1], parts[2], parts[3], null, null, null, format);
    }

    /** Letters, digits and '-' only (checked by hand: this runs for every stream line). */
    private static boolean isCode(String part) {
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** The id as ringserver writes it, in the FDSN form when it came in that form. */
    public String text() {
        String id = band == null
                ? network + '_' + station + '_' + location + '_' + channel
                : FDSN_PREFIX + network + '_' + station + '_' + location + '_' + band + '_' + source + '_' + subsource;
        return format.isEmpty() ? id : id + '/' + format;
    }
}
