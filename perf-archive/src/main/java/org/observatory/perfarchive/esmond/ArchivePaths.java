package org.observatory.perfarchive.esmond;

/** The absolute paths esmond puts in {@code uri} and {@code base-uri}. */
public final class ArchivePaths {

    public static final String ROOT = "/esmond/perfsonar/archive";

    private ArchivePaths() {
    }

    public static String metadata(String key) {
        return ROOT + "/" + key + "/";
    }

    public static String base(String key, String eventType) {
        return ROOT + "/" + key + "/" + eventType + "/base";
    }

    public static String summary(String key, String eventType, String summaryUrlName, long window) {
        return ROOT + "/" + key + "/" + eventType + "/" + summaryUrlName + "/" + window;
    }
}
