package io.mlops.tracking;

import io.mlops.store.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the SQL that finds the ids of one page of experiments for an {@link ExperimentSearch}:
 * filters on {@code name}, the two times and {@code tags.*}; default order newest first.
 */
final class ExperimentQuery {
    private static final Map<String, String> NUMERIC_ATTRIBUTES = Map.of(
            "creation_time", "e.creation_time", "last_update_time", "e.last_update_time", "experiment_id", "e.id");
    private static final Map<String, String> TEXT_ATTRIBUTES = Map.of("name", "e.name");

    private final Comparisons comparisons;

    ExperimentQuery(Dialect dialect) {
        this.comparisons = new Comparisons(dialect);
    }

    /**
     * The query for one page of experiment ids, one more than the page size.
     *
     * @param search the search
     * @param offset experiments to skip
     * @return the statement
     */
    BoundSql ids(ExperimentSearch search, int offset) {
        BoundSql sql = new BoundSql().append("SELECT e.id FROM experiment e WHERE e.lifecycle_stage IN ");
        List<String> stages = new ArrayList<>();
        for (LifecycleStage stage : LifecycleStage.values()) {
            if (search.viewType().includes(stage)) {
                stages.add(stage.wireName());
            }
        }
        sql.bindAll(stages);
        for (SearchFilter.Condition condition : SearchFilter.parse(search.filter())) {
            sql.append(" AND ");
            condition(sql, condition);
        }
        sql.append(" ORDER BY ");
        List<String> orderBy =
                search.orderBy().isEmpty() ? List.of("creation_time DESC", "experiment_id ASC") : search.orderBy();
        for (String clause : orderBy) {
            OrderBy order = OrderBy.parse(clause);
            String column = order.entity() == SearchFilter.Entity.ATTRIBUTE
                    ? NUMERIC_ATTRIBUTES.getOrDefault(order.key(), TEXT_ATTRIBUTES.get(order.key()))
                    : null;
            if (column == null) {
                throw TrackingError.invalid("Invalid order_by entity: " + clause);
            }
            sql.append(column).append(order.ascending() ? " ASC, " : " DESC, ");
        }
        sql.append("e.id ASC LIMIT ")
                .bind(search.maxResults() + 1)
                .append(" OFFSET ")
                .bind(offset);
        return sql;
    }

    private void condition(BoundSql sql, SearchFilter.Condition condition) {
        String key = condition.key();
        switch (condition.entity()) {
            case TAG -> {
                sql.append(condition.operator().equals("IS NULL") ? "NOT EXISTS" : "EXISTS")
                        .append(" (SELECT 1 FROM experiment_tag t WHERE t.experiment_id = e.id AND t.key = ")
                        .bind(key);
                if (!condition.operator().startsWith("IS")) {
                    sql.append(" AND ");
                    comparisons.text(sql, "t.value", condition, "tag '" + key + "'");
                }
                sql.append(")");
            }
            case ATTRIBUTE -> {
                if (NUMERIC_ATTRIBUTES.containsKey(key)) {
                    comparisons.numeric(sql, NUMERIC_ATTRIBUTES.get(key), condition, "attribute '" + key + "'");
                } else if (TEXT_ATTRIBUTES.containsKey(key)) {
                    comparisons.text(sql, TEXT_ATTRIBUTES.get(key), condition, "attribute '" + key + "'");
                } else {
                    throw TrackingError.invalid("Invalid attribute key '" + key
                            + "' specified. Valid keys are name, creation_time, last_update_time.");
                }
            }
            default ->
                throw TrackingError.invalid(
                        "Invalid entity type '" + condition.entity().name().toLowerCase(java.util.Locale.ROOT)
                                + "' for experiments; use name, tags.<key> or the times.");
        }
    }
}
