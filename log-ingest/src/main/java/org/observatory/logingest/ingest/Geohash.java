package org.observatory.logingest.ingest;

/** Geohash encoding (base-32, interleaved longitude and latitude bits). */
public final class Geohash {

    private static final char[] BASE32 = "0123456789bcdefghjkmnpqrstuvwxyz".toCharArray();

    private Geohash() {
    }

    public static String encode(double latitude, double longitude, int precision) {
        double[] lat = {-90, 90};
        double[] lon = {-180, 180};
        StringBuilder hash = new StringBuilder(precision);
        boolean evenBit = true;
        int bit = 0;
        int ch = 0;
        while (hash.length() < precision) {
            double[] range = evenBit ? lon : lat;
            double value = evenBit ? longitude : latitude;
            double mid = (range[0] + range[1]) / 2;
            if (value >= mid) {
                ch = (ch << 1) | 1;
                range[0] = mid;
            } else {
                ch <<= 1;
                range[1] = mid;
            }
            evenBit = !evenBit;
            if (++bit == 5) {
                hash.append(BASE32[ch]);
                bit = 0;
                ch = 0;
            }
        }
        return hash.toString();
    }
}
