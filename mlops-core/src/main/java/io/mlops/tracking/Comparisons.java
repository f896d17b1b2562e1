package io.mlops.tracking;

import io.mlops.store.Dialect;
import java.util.Set;

/**
 * Turns one filter comparison of a column into SQL with MLflow's semantics on both dialects:
 * {@code LIKE} is case-sensitive (SQLite's own LIKE is not, so it becomes GLOB there) and
 * {@code ILIKE} is not.
 */
final class Comparisons {
    private static final Set<String> NUMERIC = Set.of("=", "!=", "<", "<=", ">", ">=");
    private static final Set<String> TEXT = Set.of("=", "!=", "LIKE", "ILIKE", "IN", "NOT IN");

    private final Dialect dialect;

    Comparisons(Dialect dialect) {
        this.dialect = dialect;
    }

    /**
     * Appends {@code column <op> value} for a number.
     *
     * @param sql the statement
     * @param column the column expression
     * @param condition the comparison
     * @param what the field, for messages
     */
    void numeric(BoundSql sql, String column, SearchFilter.Condition condition, String what) {
        if (!NUMERIC.contains(condition.operator())) {
            throw TrackingError.invalid("Invalid comparator '" + condition.operator() + "' for " + what
                    + "; use one of =, !=, <, <=, >, >=.");
        }
        if (!(condition.value() instanceof Double number)) {
            throw TrackingError.invalid(
                    "Expected a numeric value for " + what + ". Found '" + condition.value() + "'.");
        }
        sql.append(column)
                .append(" ")
                .append(sqlOperator(condition.operator()))
                .append(" ")
                .bind(number);
    }

    /**
     * Appends a comparison of a text column.
     *
     * @param sql the statement
     * @param column the column expression
     * @param condition the comparison
     * @param what the field, for messages
     */
    void text(BoundSql sql, String column, SearchFilter.Condition condition, String what) {
        if (!TEXT.contains(condition.operator())) {
            throw TrackingError.invalid("Invalid comparator '" + condition.operator() + "' for " + what
                    + "; use one of =, !=, LIKE, ILIKE" + (condition.operator().contains("IN") ? "" : ", IN, NOT IN")
                    + ".");
        }
        for (Object value : condition.values()) {
            if (!(value instanceof String)) {
                throw TrackingError.invalid("Value for " + what + " must be a quoted string. Found '" + value + "'.");
            }
        }
        String value = condition.values().getFirst().toString();
        switch (condition.operator()) {
            case "LIKE" -> {
                if (dialect == Dialect.SQLITE) {
                    sql.append(column).append(" GLOB ").bind(glob(value));
                } else {
                    sql.append(column).append(" LIKE ").bind(value);
                }
            }
            case "ILIKE" ->
                sql.append("LOWER(")
                        .append(column)
                        .append(") LIKE LOWER(")
                        .bind(value)
                        .append(")");
            case "IN" -> sql.append(column).append(" IN ").bindAll(condition.values());
            case "NOT IN" -> sql.append(column).append(" NOT IN ").bindAll(condition.values());
            default ->
                sql.append(column)
                        .append(" ")
                        .append(sqlOperator(condition.operator()))
                        .append(" ")
                        .bind(value);
        }
    }

    private static String sqlOperator(String operator) {
        return operator.equals("!=") ? "<>" : operator;
    }

    /**
     * Translates a LIKE pattern into a GLOB pattern: {@code %} and {@code _} become {@code *} and
     * {@code ?}; GLOB's own special characters are matched literally.
     *
     * @param like the LIKE pattern
     * @return the GLOB pattern
     */
    static String glob(String like) {
        StringBuilder glob = new StringBuilder();
        for (char c : like.toCharArray()) {
            switch (c) {
                case '%' -> glob.append('*');
                case '_' -> glob.append('?');
                case '*', '?', '[' -> glob.append('[').append(c).append(']');
                default -> glob.append(c);
            }
        }
        return glob.toString();
    }
}
