package org.observatory.perfarchive.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Pattern;
import org.observatory.common.problem.ProblemException;

/**
 * esmond's validators call Python's {@code int()} and {@code float()} on what arrived, so they coerce rather
 * than refuse: a fraction is truncated toward zero, a string of digits is a number, {@code true} is 1. Values
 * beyond 64 bits are refused: esmond's summaries are 64-bit counters and could not keep them either.
 */
public final class PythonNumbers {

    /** What int(str) takes: blanks around, a sign, digits with single underscores between them. */
    private static final Pattern INT_TEXT = Pattern.compile("[+-]?\\d+(_\\d+)*");
    /** What float(str) takes (inf and nan aside, which esmond then fails on). */
    private static final Pattern FLOAT_TEXT = Pattern.compile(
            "[+-]?((\\d+(_\\d+)*)(\\.(\\d+(_\\d+)*)?)?|\\.\\d+(_\\d+)*)([eE][+-]?\\d+(_\\d+)*)?");
    private static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private PythonNumbers() {
    }

    /** Python's int() of a JSON value, as a long; a 400 naming {@code field} when int() fails or 64 bits do not hold it. */
    public static long integer(JsonNode node, String field) {
        BigInteger value = toBigInteger(node);
        if (value == null) {
            throw ProblemException.invalidField(field, "must be an integer");
        }
        if (value.compareTo(MIN) < 0 || value.compareTo(MAX) > 0) {
            throw ProblemException.invalidField(field, "is out of range of a 64-bit integer");
        }
        return value.longValue();
    }

    /** int() of a double: truncated toward zero; null when it does not fit 64 bits (or is not finite). */
    public static Long truncate(double value) {
        if (!Double.isFinite(value) || value >= 0x1p63 || value < -0x1p63) {
            return null;
        }
        return (long) value;
    }

    /** Python's float() of a JSON value, finite, or null. */
    public static Double real(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isNumber()) {
            double v = node.doubleValue();
            return Double.isFinite(v) ? v : null;
        }
        if (node.isBoolean()) {
            return node.booleanValue() ? 1.0 : 0.0;
        }
        if (node.isTextual()) {
            String text = node.textValue().strip();
            if (!FLOAT_TEXT.matcher(text).matches()) {
                return null;
            }
            double v = Double.parseDouble(text.replace("_", ""));
            return Double.isFinite(v) ? v : null;
        }
        return null;
    }

    private static BigInteger toBigInteger(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue();
        }
        if (node.isNumber()) {
            double v = node.doubleValue();
            if (!Double.isFinite(v)) {
                return null;
            }
            // int(float) truncates toward zero; BigDecimal keeps huge values exact so that they are seen as huge.
            return node.isBigDecimal() ? node.decimalValue().toBigInteger() : new BigDecimal(v).toBigInteger();
        }
        if (node.isBoolean()) {
            return node.booleanValue() ? BigInteger.ONE : BigInteger.ZERO;
        }
        if (node.isTextual()) {
            String text = node.textValue().strip();
            return INT_TEXT.matcher(text).matches() ? new BigInteger(text.replace("_", "")) : null;
        }
        return null;
    }
}
