package io.mlops.cli;

import java.util.Locale;

/** Byte counts for people: 1.5 KB, 20.0 MB. */
public final class Sizes {
    private static final String[] UNITS = {"B", "KB", "MB", "GB", "TB"};

    private Sizes() {}

    /**
     * Formats a byte count with a decimal unit.
     *
     * @param bytes the count; negative means unknown
     * @return e.g. {@code 1.5 MB}, or {@code ?} when unknown
     */
    public static String human(long bytes) {
        if (bytes < 0) {
            return "?";
        }
        double value = bytes;
        int unit = 0;
        while (value >= 1000 && unit < UNITS.length - 1) {
            value /= 1000;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }
}
