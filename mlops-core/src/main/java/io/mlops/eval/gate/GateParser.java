package io.mlops.eval.gate;

import io.mlops.error.UserError;

/**
 * A small recursive-descent parser for gate expressions:
 *
 * <pre>
 * gate      = metric operator threshold
 * metric    = name [ "[" label "]" ]        accuracy, p95_latency_ms, AP[person]
 * operator  = "&gt;=" | "&gt;" | "&lt;=" | "&lt;" | "=="
 * threshold = number | "baseline" [ ("+" | "-") number ]
 * </pre>
 */
final class GateParser {
    private final String text;
    private int position;

    GateParser(String text) {
        this.text = text == null ? "" : text;
    }

    Gate parse() {
        skipSpaces();
        String metric = metric();
        skipSpaces();
        Gate.Comparison comparison = comparison();
        skipSpaces();
        boolean onBaseline = false;
        double offset;
        if (text.startsWith("baseline", position)) {
            onBaseline = true;
            position += "baseline".length();
            skipSpaces();
            if (position < text.length() && (peek() == '+' || peek() == '-')) {
                char sign = text.charAt(position++);
                skipSpaces();
                offset = number();
                offset = sign == '-' ? -offset : offset;
            } else {
                offset = 0;
            }
        } else {
            offset = number();
        }
        skipSpaces();
        if (position < text.length()) {
            throw error("unexpected '" + text.substring(position) + "'");
        }
        return new Gate(text.strip(), metric, comparison, onBaseline, offset);
    }

    private String metric() {
        int start = position;
        while (position < text.length() && (Character.isLetterOrDigit(peek()) || peek() == '_')) {
            position++;
        }
        if (position == start || Character.isDigit(text.charAt(start))) {
            throw error("expected a metric name such as accuracy or mAP50");
        }
        if (position < text.length() && peek() == '[') {
            int close = text.indexOf(']', position);
            if (close < 0 || close == position + 1) {
                throw error("expected a class name and ']' after '['");
            }
            position = close + 1;
        }
        return text.substring(start, position);
    }

    private Gate.Comparison comparison() {
        for (String symbol : new String[] {">=", "<=", "==", ">", "<"}) {
            if (text.startsWith(symbol, position)) {
                position += symbol.length();
                for (Gate.Comparison c : Gate.Comparison.values()) {
                    if (c.symbol().equals(symbol)) {
                        return c;
                    }
                }
            }
        }
        throw error("expected one of >= > <= < ==");
    }

    private double number() {
        int start = position;
        if (position < text.length() && (peek() == '-' || peek() == '+')) {
            position++;
        }
        while (position < text.length()
                && (Character.isDigit(peek())
                        || peek() == '.'
                        || peek() == 'e'
                        || peek() == 'E'
                        || ((peek() == '-' || peek() == '+')
                                && (text.charAt(position - 1) == 'e' || text.charAt(position - 1) == 'E')))) {
            position++;
        }
        try {
            return Double.parseDouble(text.substring(start, position));
        } catch (NumberFormatException e) {
            position = start;
            throw error("expected a number or 'baseline'");
        }
    }

    private char peek() {
        return text.charAt(position);
    }

    private void skipSpaces() {
        while (position < text.length() && Character.isWhitespace(peek())) {
            position++;
        }
    }

    private UserError error(String what) {
        return new UserError("gate '" + text + "': syntax error at column " + (position + 1) + ": " + what + "\n  "
                + text + "\n  " + " ".repeat(position) + "^");
    }
}
