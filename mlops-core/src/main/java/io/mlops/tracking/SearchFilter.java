package io.mlops.tracking;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Parses MLflow's search filter language: comparisons joined by {@code AND}, e.g.
 * {@code metrics.loss < 0.5 and params.optimizer = 'adam' and tags."data set" LIKE 'v%'}.
 *
 * <p>An identifier is {@code <entity>.<key>} ({@code metrics}, {@code params}, {@code tags},
 * {@code attributes} and MLflow's alternative spellings), or a bare attribute name; a key with
 * spaces is quoted with backticks or double quotes. Values are quoted strings, numbers, or for
 * {@code IN} a parenthesized list of strings.
 */
final class SearchFilter {
    /** What a condition compares. */
    enum Entity {
        METRIC,
        PARAM,
        TAG,
        ATTRIBUTE,
        DATASET
    }

    /**
     * One comparison.
     *
     * @param entity what kind of field
     * @param key the field's name
     * @param operator {@code =}, {@code !=}, {@code <}, {@code <=}, {@code >}, {@code >=}, {@code LIKE},
     *     {@code ILIKE}, {@code IN}, {@code NOT IN}, {@code IS NULL}, {@code IS NOT NULL}
     * @param values the compared values: strings and doubles
     */
    record Condition(Entity entity, String key, String operator, List<Object> values) {
        Condition {
            Objects.requireNonNull(entity, "entity");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(operator, "operator");
            values = List.copyOf(values);
        }

        /**
         * The single compared value.
         *
         * @return a String or a Double
         */
        Object value() {
            return values.getFirst();
        }
    }

    private final String text;
    private int position;

    private SearchFilter(String text) {
        this.text = text;
    }

    /**
     * Parses a filter.
     *
     * @param filter the expression; blank for none
     * @return the conditions, all of which must hold
     * @throws TrackingError INVALID_PARAMETER_VALUE when the expression cannot be parsed
     */
    static List<Condition> parse(String filter) {
        if (filter == null || filter.isBlank()) {
            return List.of();
        }
        SearchFilter parser = new SearchFilter(filter);
        List<Condition> conditions = new ArrayList<>();
        conditions.add(parser.condition());
        while (parser.skipSpaces() < filter.length()) {
            parser.keyword("AND");
            conditions.add(parser.condition());
        }
        return conditions;
    }

    /**
     * Reads an identifier such as {@code metrics.`f1 score`} or {@code start_time}.
     *
     * @param identifier the text
     * @return the entity and key
     */
    static Condition identifier(String identifier) {
        SearchFilter parser = new SearchFilter(identifier);
        Condition condition = parser.identifier();
        if (parser.skipSpaces() < identifier.length()) {
            throw parser.error("unexpected text after the identifier");
        }
        return condition;
    }

    private Condition condition() {
        Condition field = identifier();
        String operator = operator();
        List<Object> values = new ArrayList<>();
        if (operator.endsWith("IN")) {
            expect('(');
            values.add(value());
            while (peek() == ',') {
                position++;
                values.add(value());
            }
            expect(')');
        } else if (!operator.startsWith("IS")) {
            values.add(value());
        }
        return new Condition(field.entity(), field.key(), operator, values);
    }

    private Condition identifier() {
        skipSpaces();
        int start = position;
        while (position < text.length() && isWordChar(text.charAt(position))) {
            position++;
        }
        String word = text.substring(start, position);
        if (peek() != '.') {
            if (word.isEmpty()) {
                // A quoted bare key names an attribute, e.g. `Run name`.
                return new Condition(Entity.ATTRIBUTE, quoted(), "", List.of());
            }
            return new Condition(Entity.ATTRIBUTE, word, "", List.of());
        }
        position++;
        Entity entity = switch (word.toLowerCase(Locale.ROOT)) {
            case "metric", "metrics" -> Entity.METRIC;
            case "param", "params", "parameter", "parameters" -> Entity.PARAM;
            case "tag", "tags" -> Entity.TAG;
            case "attribute", "attributes", "attr", "run" -> Entity.ATTRIBUTE;
            case "dataset", "datasets" -> Entity.DATASET;
            default -> throw error("unknown entity '" + word + "' (use metrics, params, tags, attributes or datasets)");
        };
        char next = peek();
        String key;
        if (next == '`' || next == '"') {
            key = quoted();
        } else {
            int keyStart = position;
            while (position < text.length()
                    && (isWordChar(text.charAt(position)) || "./-:".indexOf(text.charAt(position)) >= 0)) {
                position++;
            }
            key = text.substring(keyStart, position);
        }
        if (key.isEmpty()) {
            throw error("missing key after '" + word + ".'");
        }
        return new Condition(entity, key, "", List.of());
    }

    private String operator() {
        skipSpaces();
        for (String symbol : List.of("!=", "<=", ">=", "=", "<", ">")) {
            if (text.startsWith(symbol, position)) {
                position += symbol.length();
                return symbol;
            }
        }
        String word = word();
        switch (word) {
            case "LIKE", "ILIKE", "IN" -> {
                return word;
            }
            case "NOT" -> {
                keyword("IN");
                return "NOT IN";
            }
            case "IS" -> {
                String next = word();
                if (next.equals("NULL")) {
                    return "IS NULL";
                }
                if (next.equals("NOT")) {
                    keyword("NULL");
                    return "IS NOT NULL";
                }
                throw error("expected NULL or NOT NULL after IS");
            }
            default -> throw error("expected a comparison operator");
        }
    }

    private Object value() {
        skipSpaces();
        char c = peek();
        if (c == '\'' || c == '"') {
            return quoted();
        }
        int start = position;
        while (position < text.length() && "+-.eE0123456789".indexOf(text.charAt(position)) >= 0) {
            position++;
        }
        String number = text.substring(start, position);
        try {
            return Double.parseDouble(number);
        } catch (NumberFormatException e) {
            throw error("expected a quoted string or a number");
        }
    }

    private String quoted() {
        skipSpaces();
        char quote = peek();
        if (quote != '\'' && quote != '"' && quote != '`') {
            throw error("expected a quoted string");
        }
        int end = text.indexOf(quote, position + 1);
        if (end < 0) {
            throw error("unterminated " + quote + " quote");
        }
        String value = text.substring(position + 1, end);
        position = end + 1;
        return value;
    }

    private String word() {
        skipSpaces();
        int start = position;
        while (position < text.length() && Character.isLetter(text.charAt(position))) {
            position++;
        }
        return text.substring(start, position).toUpperCase(Locale.ROOT);
    }

    private void keyword(String expected) {
        if (!word().equals(expected)) {
            throw error("expected " + expected);
        }
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        position++;
    }

    private char peek() {
        skipSpaces();
        return position < text.length() ? text.charAt(position) : '\0';
    }

    private int skipSpaces() {
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
        return position;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private TrackingError error(String what) {
        return TrackingError.invalid("Invalid filter '" + text + "': " + what + " at position " + position + ".");
    }
}
