package io.mlops.tracking;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** A SQL statement under construction together with the values bound to its placeholders. */
final class BoundSql {
    private final StringBuilder sql = new StringBuilder();
    private final List<Object> values = new ArrayList<>();

    /**
     * Appends SQL text.
     *
     * @param text SQL without values
     * @return this
     */
    BoundSql append(String text) {
        sql.append(text);
        return this;
    }

    /**
     * Appends a placeholder and its value.
     *
     * @param value a String, Long, Integer or Double
     * @return this
     */
    BoundSql bind(Object value) {
        sql.append('?');
        values.add(value);
        return this;
    }

    /**
     * Appends {@code (?, ?, ...)} for a list of values.
     *
     * @param list the values
     * @return this
     */
    BoundSql bindAll(Collection<?> list) {
        sql.append('(');
        boolean first = true;
        for (Object value : list) {
            if (!first) {
                sql.append(", ");
            }
            bind(value);
            first = false;
        }
        return append(")");
    }

    /**
     * Prepares the statement with its values bound.
     *
     * @param connection the transaction's connection
     * @return the statement; the caller closes it
     * @throws SQLException on a database failure
     */
    PreparedStatement prepare(Connection connection) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql.toString());
        for (int i = 0; i < values.size(); i++) {
            statement.setObject(i + 1, values.get(i));
        }
        return statement;
    }

    @Override
    public String toString() {
        return sql.toString();
    }
}
