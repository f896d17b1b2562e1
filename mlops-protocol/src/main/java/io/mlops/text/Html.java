package io.mlops.text;

/**
 * Escapes text for the HTML and SVG pages the suite writes (dataset cards, evaluation reports, the
 * agent's demo page). Class names, metric keys and model names come from files and requests anyone
 * may have written, so every one is escaped before it reaches a page.
 */
public final class Html {
    private Html() {}

    /**
     * Escapes text for element content and quoted attribute values.
     *
     * @param text any text, or null
     * @return the text with {@code & < > " '} replaced by character references; empty for null
     */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
