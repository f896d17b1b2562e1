package io.mlops.hardware;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the physical memory from the text of Linux's {@code /proc/meminfo}. */
public final class MemInfo {
    private static final Pattern TOTAL = Pattern.compile("(?m)^MemTotal:\\s+(\\d+) kB$");

    private MemInfo() {}

    /**
     * Parses the text.
     *
     * @param text the whole of {@code /proc/meminfo}
     * @return {@code MemTotal} in bytes (the kernel's "kB" is KiB), or -1 where the line is missing
     */
    public static long totalBytes(String text) {
        Matcher matcher = TOTAL.matcher(text);
        return matcher.find() ? Long.parseLong(matcher.group(1)) * 1024 : -1;
    }
}
