package io.mlops.library;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the calls of named steps in Groovy source and the names of their named arguments, in both
 * forms Pipeline scripts use: {@code step(a: 1, b: 2)} and {@code step a: 1,\n b: 2}. Only names at
 * the call's own level count (not those of a nested map or call), and not the middle of a ternary.
 */
final class StepCalls {
    /** A step call: the step, its line (1-based) and its parameter names in order. */
    record Call(String step, int line, List<String> parameters) {}

    private static final Pattern WORD = Pattern.compile("\\b(\\w+)\\b");

    private StepCalls() {}

    static List<Call> find(String source, Set<String> steps) {
        List<Call> calls = new ArrayList<>();
        Matcher word = WORD.matcher(source);
        while (word.find()) {
            String name = word.group(1);
            if (!steps.contains(name) || precededByDot(source, word.start()) || insideString(source, word.start())) {
                continue;
            }
            int at = word.end();
            while (at < source.length() && (source.charAt(at) == ' ' || source.charAt(at) == '\t')) {
                at++;
            }
            boolean parenthesized = at < source.length() && source.charAt(at) == '(';
            if (!parenthesized && !(at < source.length() && Character.isJavaIdentifierStart(source.charAt(at)))) {
                continue; // a block step's closure or a mention, not a call with named arguments
            }
            int line = (int) source.substring(0, word.start())
                            .chars()
                            .filter(c -> c == '\n')
                            .count()
                    + 1;
            calls.add(new Call(name, line, names(source, parenthesized ? at + 1 : at, parenthesized)));
        }
        return calls;
    }

    private static boolean precededByDot(String source, int at) {
        int i = at - 1;
        while (i >= 0 && source.charAt(i) == ' ') {
            i--;
        }
        return i >= 0 && source.charAt(i) == '.';
    }

    private static boolean insideString(String source, int at) {
        int lineStart = source.lastIndexOf('\n', at) + 1;
        String before = source.substring(lineStart, at);
        if (before.trim().startsWith("*") || before.trim().startsWith("//")) {
            return true; // a comment
        }
        return before.chars().filter(c -> c == '\'').count() % 2 == 1
                || before.chars().filter(c -> c == '"').count() % 2 == 1;
    }

    /** The names at depth 0 from start until the call ends. */
    private static List<String> names(String source, int start, boolean parenthesized) {
        List<String> names = new ArrayList<>();
        int depth = 0;
        char quote = 0;
        char previous = parenthesized ? '(' : ',';
        for (int i = start; i < source.length(); i++) {
            char c = source.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                    previous = 'x';
                }
                continue;
            }
            if (c == '\'' || c == '"') {
                quote = c;
                continue;
            }
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                if (depth == 0) {
                    return names;
                }
                depth--;
            } else if (c == '\n' && depth == 0 && !parenthesized && previous != ',') {
                return names;
            } else if (depth == 0 && Character.isJavaIdentifierStart(c) && (previous == ',' || previous == '(')) {
                int end = i;
                while (end < source.length() && Character.isJavaIdentifierPart(source.charAt(end))) {
                    end++;
                }
                int colon = end;
                while (colon < source.length() && source.charAt(colon) == ' ') {
                    colon++;
                }
                if (colon < source.length() && source.charAt(colon) == ':') {
                    names.add(source.substring(i, end));
                }
                i = end - 1;
                previous = 'x';
                continue;
            }
            if (!Character.isWhitespace(c)) {
                previous = c;
            }
        }
        return names;
    }
}
