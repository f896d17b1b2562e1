package io.mlops.text;

import java.util.Locale;

/**
 * Strings exactly as Python's {@code json.dumps} writes them with its defaults (ASCII only), for
 * formats whose bytes other tools hash or compare: DVC's directory manifests, MLflow's messages.
 */
public final class PythonJson {
    private PythonJson() {}

    /**
     * Python's {@code json.dumps} of a string.
     *
     * @param text the string, or null
     * @return e.g. {@code "caf\u00e9"}, or {@code null}
     */
    public static String dumps(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(text.length() + 2);
        appendDumps(out, text);
        return out.toString();
    }

    /**
     * Appends Python's {@code json.dumps} of a string.
     *
     * @param out where to append
     * @param text the string
     */
    public static void appendDumps(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    // json.dumps escapes everything outside printable ASCII, DEL (0x7f) included
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
