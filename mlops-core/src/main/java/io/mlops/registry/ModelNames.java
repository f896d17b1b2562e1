package io.mlops.registry;

import io.mlops.error.UserError;

/** The rule for registered model names, shared by every record that carries one. */
final class ModelNames {
    private static final int MAX_LENGTH = 256;

    private ModelNames() {}

    static String check(String name) {
        if (name == null || name.isBlank()) {
            throw new UserError("a registered model needs a name");
        }
        if (name.length() > MAX_LENGTH || name.chars().anyMatch(Character::isISOControl)) {
            throw new UserError("'" + name + "' is no valid model name: at most " + MAX_LENGTH
                    + " characters, no control characters");
        }
        return name;
    }

    /**
     * The rule for a name being created, stricter than for names already stored: no invisible
     * formatting characters (zero-width spaces and joiners, right-to-left and other bidirectional
     * controls, the byte-order mark) and no line or paragraph separators, with which two names that
     * look the same on every page and in every log would be different models.
     */
    static String checkNew(String name) {
        check(name);
        int[] points = name.codePoints().toArray();
        for (int i = 0; i < points.length; i++) {
            int type = Character.getType(points[i]);
            if (type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
                throw new UserError(String.format(
                        "'%s' is no valid model name: it holds the invisible character U+%04X at position %d"
                                + " (no zero-width, bidirectional or other formatting characters)",
                        name.replaceAll("\\p{Cf}|\\p{Zl}|\\p{Zp}", "?"), points[i], i + 1));
            }
        }
        return name;
    }
}
