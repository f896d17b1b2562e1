package io.mlops.tracking;

import java.util.Locale;

/**
 * One sort key of a search, as MLflow writes it: {@code metrics.loss ASC},
 * {@code attributes.start_time DESC}, {@code params.`batch size`}.
 *
 * @param entity what kind of field
 * @param key the field's name
 * @param ascending the direction (ascending unless {@code DESC})
 */
record OrderBy(SearchFilter.Entity entity, String key, boolean ascending) {
    /**
     * Parses one order-by clause.
     *
     * @param clause the clause
     * @return the sort key
     * @throws TrackingError INVALID_PARAMETER_VALUE when it cannot be parsed
     */
    static OrderBy parse(String clause) {
        String text = clause.strip();
        boolean ascending = true;
        String upper = text.toUpperCase(Locale.ROOT);
        if (upper.endsWith(" DESC")) {
            ascending = false;
            text = text.substring(0, text.length() - 5).strip();
        } else if (upper.endsWith(" ASC")) {
            text = text.substring(0, text.length() - 4).strip();
        }
        if (text.isEmpty()) {
            throw TrackingError.invalid("Invalid order_by clause '" + clause + "'.");
        }
        SearchFilter.Condition field = SearchFilter.identifier(text);
        return new OrderBy(field.entity(), field.key(), ascending);
    }
}
