package org.observatory.ixp.peeringdb;

/**
 * Rewrites a Python literal (as some older CAIDA dumps of PeeringDB were written: single-quoted strings,
 * {@code True}/{@code False}/{@code None}, {@code u''} prefixes) into JSON text.
 */
final class PythonLiteral {

    private PythonLiteral() {
    }

    /** True when the text looks like a Python literal rather than JSON: the first key is single-quoted. */
    static boolean looksLikePython(CharSequence text) {
        int i = skipSpace(text, 0);
        if (i >= text.length() || text.charAt(i) != '{') {
            return false;
        }
        i = skipSpace(text, i + 1);
        return i < text.length() && (text.charAt(i) == '\''
                || (text.charAt(i) == 'u' && i + 1 < text.length() && text.charAt(i + 1) == '\''));
    }

    static String toJson(CharSequence in) {
        StringBuilder out = new StringBuilder(in.length() + in.length() / 16);
        int n = in.length();
        int i = 0;
        while (i < n) {
            char c = in.charAt(i);
            if (c == '\'' || c == '"') {
                i = copyString(in, i, c, out);
            } else if (Character.isLetter(c)) {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(in.charAt(i)) || in.charAt(i) == '_')) {
                    i++;
                }
                String word = in.subSequence(start, i).toString();
                if (i < n && (in.charAt(i) == '\'' || in.charAt(i) == '"') && isStringPrefix(word)) {
                    continue; // u'..', b'..': the prefix has no JSON counterpart
                }
                out.append(switch (word) {
                    case "True" -> "true";
                    case "False" -> "false";
                    case "None" -> "null";
                    default -> word;
                });
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static boolean isStringPrefix(String word) {
        return word.equals("u") || word.equals("b") || word.equals("r") || word.equals("U");
    }

    /** Copies one quoted string starting at {@code start} as a JSON string; returns the index after it. */
    private static int copyString(CharSequence in, int start, char quote, StringBuilder out) {
        int n = in.length();
        out.append('"');
        int i = start + 1;
        while (i < n) {
            char c = in.charAt(i);
            if (c == '\\' && i + 1 < n) {
                char e = in.charAt(i + 1);
                switch (e) {
                    case '\'' -> out.append('\'');
                    case '"' -> out.append("\\\"");
                    case 'x' -> {
                        if (i + 3 < n) {
                            out.append("\\u00").append(in, i + 2, i + 4);
                            i += 2;
                        }
                    }
                    default -> out.append('\\').append(e);
                }
                i += 2;
            } else if (c == quote) {
                out.append('"');
                return i + 1;
            } else if (c == '"') {
                out.append("\\\"");
                i++;
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
                i++;
            } else {
                out.append(c);
                i++;
            }
        }
        // unterminated: leave it unterminated so that the JSON parser reports the truncation
        return i;
    }

    private static int skipSpace(CharSequence text, int i) {
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }
}
