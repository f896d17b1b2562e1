package io.mlops.labels.card;

/**
 * Escapes text for HTML and SVG. Class names and file names come from label files that anyone
 * may have written, so every one of them is escaped before it reaches the page.
 */
final class Markup {
    private Markup() {}

    /**
     * Escapes text for element content and quoted attribute values.
     *
     * @param text any text
     * @return the text with {@code & < > " '} replaced by character references
     */
    static String escape(String text) {
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
