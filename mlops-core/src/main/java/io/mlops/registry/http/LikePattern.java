package io.mlops.registry.http;

import java.util.Arrays;

/**
 * A SQL {@code LIKE} / {@code ILIKE} pattern matched in memory without a regular expression: {@code %}
 * is any run of characters, {@code _} one character, and a backslash makes the next character literal
 * ({@code \%}, {@code \_}, {@code \\}). Matching is the greedy two-pointer walk that goes back to the
 * last {@code %} on a mismatch, so it takes at most (text length × pattern length) steps whatever the
 * pattern: a filter such as {@code '%_%_%_%_%_%_%_%_%z'} cannot pin a core the way a backtracking
 * regular expression does.
 */
final class LikePattern {
    private static final int ANY_RUN = -1;
    private static final int ANY_ONE = -2;

    private final int[] tokens;
    private final boolean ignoreCase;

    private LikePattern(int[] tokens, boolean ignoreCase) {
        this.tokens = tokens;
        this.ignoreCase = ignoreCase;
    }

    /**
     * Compiles a pattern.
     *
     * @param pattern the LIKE pattern
     * @param ignoreCase true for {@code ILIKE}
     * @return the compiled pattern
     */
    static LikePattern of(String pattern, boolean ignoreCase) {
        int[] points = pattern.codePoints().toArray();
        int[] tokens = new int[points.length];
        int count = 0;
        for (int i = 0; i < points.length; i++) {
            int c = points[i];
            if (c == '\\' && i + 1 < points.length) {
                tokens[count++] = fold(points[++i], ignoreCase);
            } else if (c == '%') {
                if (count == 0 || tokens[count - 1] != ANY_RUN) {
                    tokens[count++] = ANY_RUN;
                }
            } else if (c == '_') {
                tokens[count++] = ANY_ONE;
            } else {
                tokens[count++] = fold(c, ignoreCase);
            }
        }
        return new LikePattern(Arrays.copyOf(tokens, count), ignoreCase);
    }

    /**
     * Whether the whole text matches.
     *
     * @param text the text
     * @return true when it matches
     */
    boolean matches(String text) {
        int[] s = text.codePoints().toArray();
        int t = 0;
        int p = 0;
        int star = -1;
        int resume = 0;
        while (t < s.length) {
            if (p < tokens.length && (tokens[p] == ANY_ONE || tokens[p] == fold(s[t], ignoreCase))) {
                p++;
                t++;
            } else if (p < tokens.length && tokens[p] == ANY_RUN) {
                star = p++;
                resume = t;
            } else if (star >= 0) {
                p = star + 1;
                t = ++resume;
            } else {
                return false;
            }
        }
        while (p < tokens.length && tokens[p] == ANY_RUN) {
            p++;
        }
        return p == tokens.length;
    }

    private static int fold(int c, boolean ignoreCase) {
        if (!ignoreCase) {
            return c;
        }
        // Upper then lower, as String.equalsIgnoreCase does, so that e.g. the Kelvin sign matches k.
        return Character.toLowerCase(Character.toUpperCase(c));
    }

    @Override
    public String toString() {
        return (ignoreCase ? "ILIKE" : "LIKE") + " pattern of " + tokens.length + " tokens";
    }
}
