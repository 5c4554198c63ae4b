package org.observatory.perfarchive.metadata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * esmond (Django) stores a free-form metadata parameter as Python's {@code str()} of the parsed JSON value:
 * {@code true} is {@code True}, an object is {@code {'k': 'v'}}, 1e20 is {@code 1e+20}. Rendered here the same
 * way, so that values read back and filters copied from esmond queries are spelled as esmond spells them.
 */
public final class PythonText {

    private PythonText() {
    }

    /** Python's str() of a JSON value (a string is itself; anything else its repr). */
    public static String str(JsonNode value) {
        if (value.isTextual()) {
            return value.textValue();
        }
        StringBuilder out = new StringBuilder();
        repr(value, out);
        return out.toString();
    }

    /**
     * The spellings a filter value may match: as given, and, when it is JSON other than a bare string (true,
     * {"k":"v"}), its Python spelling.
     */
    public static List<String> spellings(String filterValue, ObjectMapper mapper) {
        Set<String> all = new LinkedHashSet<>();
        all.add(filterValue);
        String trimmed = filterValue.trim();
        if (!trimmed.isEmpty() && "{[tfn-0123456789".indexOf(trimmed.charAt(0)) >= 0) {
            try {
                JsonNode parsed = mapper.readTree(trimmed);
                if (parsed != null && !parsed.isMissingNode() && !parsed.isTextual()) {
                    all.add(str(parsed));
                }
            } catch (JsonProcessingException e) {
                // Not JSON: only the spelling as given.
            }
        }
        return List.copyOf(all);
    }

    private static void repr(JsonNode value, StringBuilder out) {
        if (value.isTextual()) {
            string(value.textValue(), out);
        } else if (value.isBoolean()) {
            out.append(value.booleanValue() ? "True" : "False");
        } else if (value.isNull() || value.isMissingNode()) {
            out.append("None");
        } else if (value.isIntegralNumber()) {
            out.append(value.bigIntegerValue());
        } else if (value.isNumber()) {
            out.append(floatRepr(value.doubleValue()));
        } else if (value.isArray()) {
            out.append('[');
            for (int i = 0; i < value.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                repr(value.get(i), out);
            }
            out.append(']');
        } else if (value.isObject()) {
            out.append('{');
            boolean first = true;
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!first) {
                    out.append(", ");
                }
                first = false;
                string(field.getKey(), out);
                out.append(": ");
                repr(field.getValue(), out);
            }
            out.append('}');
        } else {
            out.append(value.asText());
        }
    }

    /** repr(float): shortest digits, fixed notation for exponents -4..15, else d.ddde+XX; '.0' on whole numbers. */
    static String floatRepr(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return 1 / v < 0 ? "-0.0" : "0.0";
        }
        BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
        String digits = d.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - d.scale();
        String sign = v < 0 ? "-" : "";
        if (exponent >= -4 && exponent < 16) {
            String plain = d.abs().toPlainString();
            return sign + (plain.contains(".") ? plain : plain + ".0");
        }
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
    }

    /** repr(str): single quotes unless the text has ' and no ", Python's escapes for the rest. */
    private static void string(String s, StringBuilder out) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        out.append(quote);
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (c == quote || c == '\\') {
                out.append('\\').appendCodePoint(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (printable(c)) {
                out.appendCodePoint(c);
            } else if (c <= 0xff) {
                out.append(String.format("\\x%02x", c));
            } else if (c <= 0xffff) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.append(String.format("\\U%08x", c));
            }
        }
        out.append(quote);
    }

    private static boolean printable(int c) {
        if (c == ' ') {
            return true;
        }
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED,
                 Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> false;
            default -> true;
        };
    }
}
