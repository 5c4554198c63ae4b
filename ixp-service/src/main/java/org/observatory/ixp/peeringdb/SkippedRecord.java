package org.observatory.ixp.peeringdb;

/**
 * A record left out of an import, for the run report: {@code reason} is one of a few fixed categories (so that
 * reports can count them), {@code detail} says exactly what was wrong.
 */
public record SkippedRecord(String type, String id, String reason, String detail) {

    public static final String MISSING_FIELD = "missing field";
    public static final String NOT_ISO_COUNTRY = "country not ISO 3166";
    public static final String NEGATIVE_SPEED = "negative speed";
    public static final String DUPLICATE_ID = "duplicate id";
    public static final String DUPLICATE_ASN = "duplicate asn";
    public static final String ASN_OUT_OF_RANGE = "asn out of range";
    public static final String INVALID_TIMESTAMP = "invalid timestamp";
    public static final String NOT_OK = "status not ok";
    public static final String NOT_AN_OBJECT = "not an object";
    public static final String UNKNOWN_IX = "unknown ix";
}
