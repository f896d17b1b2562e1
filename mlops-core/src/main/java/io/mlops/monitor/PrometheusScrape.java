package io.mlops.monitor;

import io.mlops.error.UserError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One read of a Prometheus text exposition (format 0.0.4, what the inference agent's {@code /metrics}
 * answers): the suite's one parser of it. Comments and {@code # HELP}/{@code # TYPE} lines are
 * skipped; each sample line gives a name, its labels (with {@code \\}, {@code \"} and {@code \n}
 * escapes) and a value ({@code +Inf}, {@code -Inf} and {@code NaN} included); a timestamp after the
 * value is ignored.
 *
 * @param samples the sample lines, in the order read
 */
public record PrometheusScrape(List<Series> samples) {
    /**
     * One sample line.
     *
     * @param name the metric name, e.g. {@code mlops_agent_request_duration_seconds_bucket}
     * @param labels its labels, in the order written
     * @param value its value
     */
    public record Series(String name, Map<String, String> labels, double value) {
        /** Copies the labels. */
        public Series {
            Objects.requireNonNull(name, "name");
            labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        }

        /**
         * Whether each given label has the given value here.
         *
         * @param wanted labels and values
         * @return true when all match
         */
        public boolean matches(Map<String, String> wanted) {
            return wanted.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
        }
    }

    /** Copies the samples. */
    public PrometheusScrape {
        samples = List.copyOf(samples);
    }

    /**
     * Parses an exposition.
     *
     * @param text the body of a {@code /metrics} answer
     * @return the samples
     * @throws UserError naming the line when a line is not a sample
     */
    public static PrometheusScrape parse(String text) {
        List<Series> samples = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                samples.add(new LineReader(line).read());
            } catch (IllegalArgumentException e) {
                throw new UserError(
                        "line " + (i + 1) + " of the metrics is not a Prometheus sample: " + e.getMessage());
            }
        }
        return new PrometheusScrape(samples);
    }

    /**
     * The samples of one name whose labels match.
     *
     * @param name the metric name
     * @param wanted labels that must have these values
     * @return the matching samples
     */
    public List<Series> series(String name, Map<String, String> wanted) {
        return samples.stream()
                .filter(s -> s.name().equals(name) && s.matches(wanted))
                .toList();
    }

    /**
     * The sum of the values of one name whose labels match.
     *
     * @param name the metric name
     * @param wanted labels that must have these values
     * @return the sum, 0 when none match
     */
    public double sum(String name, Map<String, String> wanted) {
        return series(name, wanted).stream().mapToDouble(Series::value).sum();
    }

    /**
     * Whether any sample has this name.
     *
     * @param name the metric name
     * @return true when the exposition holds it
     */
    public boolean has(String name) {
        return samples.stream().anyMatch(s -> s.name().equals(name));
    }

    private static final class LineReader {
        private final String line;
        private int at;

        LineReader(String line) {
            this.line = line;
        }

        Series read() {
            int start = at;
            while (at < line.length() && isNameChar(line.charAt(at))) {
                at++;
            }
            if (at == start) {
                throw new IllegalArgumentException("no metric name");
            }
            String name = line.substring(start, at);
            Map<String, String> labels = new LinkedHashMap<>();
            if (at < line.length() && line.charAt(at) == '{') {
                at++;
                readLabels(labels);
            }
            String[] rest = line.substring(at).strip().split("\\s+");
            if (rest.length < 1 || rest[0].isEmpty()) {
                throw new IllegalArgumentException("no value after " + name);
            }
            return new Series(name, labels, value(rest[0]));
        }

        private void readLabels(Map<String, String> labels) {
            while (true) {
                skipSpaces();
                if (peek() == '}') {
                    at++;
                    return;
                }
                int start = at;
                while (at < line.length() && isNameChar(line.charAt(at))) {
                    at++;
                }
                String label = line.substring(start, at);
                skipSpaces();
                if (label.isEmpty() || peek() != '=') {
                    throw new IllegalArgumentException("a label without '=' at column " + (at + 1));
                }
                at++;
                skipSpaces();
                if (peek() != '"') {
                    throw new IllegalArgumentException("a label value without quotes at column " + (at + 1));
                }
                at++;
                labels.put(label, quoted());
                skipSpaces();
                if (peek() == ',') {
                    at++;
                } else if (peek() != '}') {
                    throw new IllegalArgumentException("expected ',' or '}' at column " + (at + 1));
                }
            }
        }

        private String quoted() {
            StringBuilder value = new StringBuilder();
            while (at < line.length()) {
                char c = line.charAt(at++);
                if (c == '"') {
                    return value.toString();
                }
                if (c == '\\' && at < line.length()) {
                    char escaped = line.charAt(at++);
                    value.append(escaped == 'n' ? '\n' : escaped);
                } else {
                    value.append(c);
                }
            }
            throw new IllegalArgumentException("a label value is not closed");
        }

        private char peek() {
            if (at >= line.length()) {
                throw new IllegalArgumentException("the line ends inside the labels");
            }
            return line.charAt(at);
        }

        private void skipSpaces() {
            while (at < line.length() && line.charAt(at) == ' ') {
                at++;
            }
        }

        private static boolean isNameChar(char c) {
            return Character.isLetterOrDigit(c) || c == '_' || c == ':';
        }

        private static double value(String text) {
            return switch (text) {
                case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                case "NaN" -> Double.NaN;
                default -> {
                    try {
                        yield Double.parseDouble(text);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("the value '" + text + "' is not a number");
                    }
                }
            };
        }
    }
}
