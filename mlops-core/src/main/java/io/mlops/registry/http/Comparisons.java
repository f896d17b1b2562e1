package io.mlops.registry.http;

import io.mlops.tracking.TrackingError;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** The comparisons of MLflow's registry search filters, evaluated in memory. */
final class Comparisons {
    private Comparisons() {}

    /**
     * A text comparison; {@code LIKE} is case-sensitive, {@code ILIKE} not, {@code %} and {@code _}
     * their SQL wildcards. A missing value (null) matches nothing.
     */
    static Predicate<String> text(String operator, String value) {
        return switch (operator.toUpperCase(java.util.Locale.ROOT)) {
            case "=" -> value::equals;
            case "!=" -> actual -> actual != null && !actual.equals(value);
            case "LIKE", "ILIKE" -> {
                Pattern like = like(value, operator.equalsIgnoreCase("ILIKE"));
                yield actual -> actual != null && like.matcher(actual).matches();
            }
            default -> throw TrackingError.invalid("Invalid comparator '" + operator + "'.");
        };
    }

    static boolean number(String operator, long actual, long value) {
        return switch (operator) {
            case "=" -> actual == value;
            case "!=" -> actual != value;
            case "<" -> actual < value;
            case "<=" -> actual <= value;
            case ">" -> actual > value;
            case ">=" -> actual >= value;
            default -> throw TrackingError.invalid("Invalid comparator '" + operator + "'.");
        };
    }

    private static Pattern like(String value, boolean ignoreCase) {
        StringBuilder regex = new StringBuilder();
        for (char c : value.toCharArray()) {
            switch (c) {
                case '%' -> regex.append(".*");
                case '_' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(
                regex.toString(), Pattern.DOTALL | (ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0));
    }
}
