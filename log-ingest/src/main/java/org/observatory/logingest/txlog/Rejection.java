package org.observatory.logingest.txlog;

/**
 * A line the parser could not accept, and why. A rejected stream line rejects its whole block (a block is
 * stored whole or not at all); the block's other lines are then reported with reason "block rejected".
 *
 * @param line   line number, 1-based
 * @param reason why, in words
 * @param text   the start of the line as received (at most 120 characters, control characters replaced)
 */
public record Rejection(long line, String reason, String text) {

    private static final int MAX_TEXT = 120;

    public static Rejection of(long line, String reason, String text) {
        return new Rejection(line, reason, excerpt(text));
    }

    static String excerpt(String text) {
        if (text == null) {
            return "";
        }
        String head = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) + "…" : text;
        StringBuilder clean = new StringBuilder(head.length());
        head.codePoints().forEach(c -> clean.appendCodePoint(Character.isISOControl(c) ? '\uFFFD' : c));
        return clean.toString();
    }
}
