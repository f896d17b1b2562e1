package io.mlops.tracking;

import io.mlops.store.Dialect;
import java.util.List;
import java.util.Map;

/**
 * Builds the SQL that finds the ids of one page of logged models for a {@link LoggedModelSearch}:
 * metric conditions and sort keys use each metric's latest point (by step, then time), restricted
 * to the search's datasets; ties go to the newest model, then the id.
 */
final class LoggedModelQuery {
    private static final Map<String, String> NUMERIC_ATTRIBUTES = Map.of(
            "creation_timestamp", "lm.creation_time",
            "creation_time", "lm.creation_time",
            "last_updated_timestamp", "lm.last_updated_time");
    private static final Map<String, String> TEXT_ATTRIBUTES = Map.of(
            "name", "lm.name",
            "model_id", "lm.id",
            "model_type", "lm.model_type",
            "status", "lm.status",
            "source_run_id", "lm.source_run_id");

    private final Comparisons comparisons;

    LoggedModelQuery(Dialect dialect) {
        this.comparisons = new Comparisons(dialect);
    }

    BoundSql ids(LoggedModelSearch search, List<Long> experimentIds, int offset) {
        BoundSql sql = new BoundSql().append("SELECT lm.id FROM logged_model lm WHERE lm.experiment_id IN ");
        sql.bindAll(experimentIds);
        sql.append(" AND lm.lifecycle_stage = ").bind(LifecycleStage.ACTIVE.wireName());
        for (SearchFilter.Condition condition : SearchFilter.parse(search.filter())) {
            sql.append(" AND ");
            condition(sql, condition, search.datasets());
        }
        sql.append(" ORDER BY ");
        for (LoggedModelSearch.Order order : search.orderBy()) {
            order(sql, order);
        }
        return sql.append("lm.creation_time DESC, lm.id ASC LIMIT ")
                .bind(search.maxResults() + 1)
                .append(" OFFSET ")
                .bind(offset);
    }

    private void condition(
            BoundSql sql, SearchFilter.Condition condition, List<LoggedModelSearch.DatasetRef> datasets) {
        String key = condition.key();
        switch (condition.entity()) {
            case METRIC -> {
                sql.append("EXISTS (SELECT 1 FROM logged_model_metric m WHERE m.model_id = lm.id AND m.key = ")
                        .bind(key);
                datasets(sql, datasets);
                latest(sql);
                sql.append(" AND m.is_nan = 0 AND ");
                comparisons.numeric(sql, "m.value", condition, "metric '" + key + "'");
                sql.append(")");
            }
            case PARAM -> keyValue(sql, "logged_model_param", condition, "param");
            case TAG -> keyValue(sql, "logged_model_tag", condition, "tag");
            case ATTRIBUTE -> {
                if (NUMERIC_ATTRIBUTES.containsKey(key)) {
                    comparisons.numeric(sql, NUMERIC_ATTRIBUTES.get(key), condition, "attribute '" + key + "'");
                } else if (TEXT_ATTRIBUTES.containsKey(key)) {
                    comparisons.text(sql, TEXT_ATTRIBUTES.get(key), condition, "attribute '" + key + "'");
                } else {
                    throw TrackingError.invalid("Invalid attribute key '" + key + "' specified. Valid keys are"
                            + " name, model_id, model_type, status, source_run_id, creation_timestamp,"
                            + " last_updated_timestamp.");
                }
            }
        }
    }

    private static void datasets(BoundSql sql, List<LoggedModelSearch.DatasetRef> datasets) {
        if (datasets.isEmpty()) {
            return;
        }
        sql.append(" AND (");
        for (int i = 0; i < datasets.size(); i++) {
            LoggedModelSearch.DatasetRef dataset = datasets.get(i);
            sql.append(i == 0 ? "" : " OR ").append("(m.dataset_name = ").bind(dataset.name());
            if (dataset.digest() != null) {
                sql.append(" AND m.dataset_digest = ").bind(dataset.digest());
            }
            sql.append(")");
        }
        sql.append(")");
    }

    /** Keeps only the latest point of the metric {@code m} among those of the same dataset. */
    private static void latest(BoundSql sql) {
        sql.append(" AND NOT EXISTS (SELECT 1 FROM logged_model_metric n WHERE n.model_id = m.model_id"
                + " AND n.key = m.key AND n.dataset_name = m.dataset_name AND n.dataset_digest = m.dataset_digest"
                + " AND (n.step > m.step OR (n.step = m.step AND n.timestamp > m.timestamp)))");
    }

    private void keyValue(BoundSql sql, String table, SearchFilter.Condition condition, String what) {
        String operator = condition.operator();
        sql.append(operator.equals("IS NULL") ? "NOT EXISTS" : "EXISTS")
                .append(" (SELECT 1 FROM ")
                .append(table)
                .append(" x WHERE x.model_id = lm.id AND x.key = ")
                .bind(condition.key());
        if (!operator.startsWith("IS")) {
            sql.append(" AND ");
            comparisons.text(sql, "x.value", condition, what + " '" + condition.key() + "'");
        }
        sql.append(")");
    }

    private static void order(BoundSql sql, LoggedModelSearch.Order order) {
        String direction = order.ascending() ? " ASC, " : " DESC, ";
        SearchFilter.Condition field = SearchFilter.identifier(order.field());
        switch (field.entity()) {
            case ATTRIBUTE -> {
                String column = NUMERIC_ATTRIBUTES.getOrDefault(field.key(), TEXT_ATTRIBUTES.get(field.key()));
                if (column == null) {
                    throw TrackingError.invalid("Invalid order_by field '" + order.field() + "'.");
                }
                sql.append(column).append(direction);
            }
            case METRIC -> {
                // Models without the metric sort last in either direction, as in MLflow.
                latestValue(sql, field.key(), order);
                sql.append(" IS NULL, ");
                latestValue(sql, field.key(), order);
                sql.append(direction);
            }
            case PARAM -> keyed(sql, "logged_model_param", field.key(), direction);
            case TAG -> keyed(sql, "logged_model_tag", field.key(), direction);
        }
    }

    private static void latestValue(BoundSql sql, String key, LoggedModelSearch.Order order) {
        sql.append("(SELECT m.value FROM logged_model_metric m WHERE m.model_id = lm.id AND m.key = ")
                .bind(key);
        if (order.datasetName() != null) {
            sql.append(" AND m.dataset_name = ").bind(order.datasetName());
        }
        if (order.datasetDigest() != null) {
            sql.append(" AND m.dataset_digest = ").bind(order.datasetDigest());
        }
        sql.append(" ORDER BY m.step DESC, m.timestamp DESC LIMIT 1)");
    }

    private static void keyed(BoundSql sql, String table, String key, String direction) {
        // Models without the field sort last in either direction, as in MLflow.
        String subquery = "(SELECT x.value FROM " + table + " x WHERE x.model_id = lm.id AND x.key = ";
        sql.append(subquery).bind(key).append(") IS NULL, ");
        sql.append(subquery).bind(key).append(")").append(direction);
    }
}
