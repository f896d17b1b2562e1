package io.mlops.tracking;

import io.mlops.store.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the SQL that finds the ids of one page of runs for a {@link RunSearch}: filter
 * conditions become EXISTS subqueries on params, tags and latest metrics; sort keys become
 * correlated subqueries with missing values last; ties go to the newest run, then the run id.
 */
final class RunQuery {
    private static final Map<String, String> NUMERIC_ATTRIBUTES = Map.of(
            "start_time",
            "r.start_time",
            "created",
            "r.start_time",
            "Created",
            "r.start_time",
            "end_time",
            "r.end_time");
    private static final Map<String, String> TEXT_ATTRIBUTES = Map.of(
            "run_id", "r.id",
            "run_name", "r.name",
            "run name", "r.name",
            "Run name", "r.name",
            "Run Name", "r.name",
            "status", "r.status",
            "user_id", "r.user_id",
            "artifact_uri", "r.artifact_uri");

    private final Comparisons comparisons;
    private final Dialect dialect;

    RunQuery(Dialect dialect) {
        this.comparisons = new Comparisons(dialect);
        this.dialect = dialect;
    }

    /**
     * The query for one page of run ids, one more than the page size to tell whether a next page
     * exists.
     *
     * @param search the search
     * @param experimentIds the experiments, as stored
     * @param offset runs to skip
     * @return the statement
     */
    BoundSql ids(RunSearch search, List<Long> experimentIds, int offset) {
        BoundSql sql = new BoundSql().append("SELECT r.id FROM run r WHERE r.experiment_id IN ");
        sql.bindAll(experimentIds);
        List<String> stages = new ArrayList<>();
        for (LifecycleStage stage : LifecycleStage.values()) {
            if (search.viewType().includes(stage)) {
                stages.add(stage.wireName());
            }
        }
        sql.append(" AND r.lifecycle_stage IN ").bindAll(stages);
        for (SearchFilter.Condition condition : SearchFilter.parse(search.filter())) {
            sql.append(" AND ");
            condition(sql, condition);
        }
        sql.append(" ORDER BY ");
        for (String clause : search.orderBy()) {
            order(sql, OrderBy.parse(clause));
        }
        sql.append("r.start_time DESC, r.id ASC LIMIT ")
                .bind(search.maxResults() + 1)
                .append(" OFFSET ")
                .bind(offset);
        return sql;
    }

    private void condition(BoundSql sql, SearchFilter.Condition condition) {
        switch (condition.entity()) {
            case METRIC -> {
                sql.append("EXISTS (SELECT 1 FROM latest_metric m WHERE m.run_id = r.id AND m.key = ")
                        .bind(condition.key())
                        .append(" AND m.is_nan = 0 AND ");
                comparisons.numeric(sql, "m.value", condition, "metric '" + condition.key() + "'");
                sql.append(")");
            }
            case PARAM -> keyValue(sql, "run_param", condition, "param");
            case TAG -> keyValue(sql, "run_tag", condition, "tag");
            case ATTRIBUTE -> attribute(sql, condition);
            case DATASET -> dataset(sql, condition);
        }
    }

    // MLflow's datasets.name, datasets.digest and datasets.context; the context is the input's
    // mlflow.data.context tag, kept in the JSON object of the input's tags.
    private void dataset(BoundSql sql, SearchFilter.Condition condition) {
        String column = switch (condition.key()) {
            case "name" -> "d.name";
            case "digest" -> "d.digest";
            case "context" ->
                dialect == Dialect.POSTGRESQL
                        ? "(CAST(d.tags AS json) ->> 'mlflow.data.context')"
                        : "json_extract(d.tags, '$.\"mlflow.data.context\"')";
            default ->
                throw TrackingError.invalid("Invalid dataset key '" + condition.key()
                        + "' specified. Valid keys are 'name', 'digest' and 'context'.");
        };
        sql.append("EXISTS (SELECT 1 FROM run_dataset d WHERE d.run_id = r.id AND ");
        comparisons.text(sql, column, condition, "dataset " + condition.key());
        sql.append(")");
    }

    private void keyValue(BoundSql sql, String table, SearchFilter.Condition condition, String what) {
        String operator = condition.operator();
        sql.append(operator.equals("IS NULL") ? "NOT EXISTS" : "EXISTS")
                .append(" (SELECT 1 FROM ")
                .append(table)
                .append(" x WHERE x.run_id = r.id AND x.key = ")
                .bind(condition.key());
        if (!operator.startsWith("IS")) {
            sql.append(" AND ");
            comparisons.text(sql, "x.value", condition, what + " '" + condition.key() + "'");
        }
        sql.append(")");
    }

    private void attribute(BoundSql sql, SearchFilter.Condition condition) {
        String key = condition.key();
        if (NUMERIC_ATTRIBUTES.containsKey(key)) {
            comparisons.numeric(sql, NUMERIC_ATTRIBUTES.get(key), condition, "attribute '" + key + "'");
        } else if (TEXT_ATTRIBUTES.containsKey(key)) {
            comparisons.text(sql, TEXT_ATTRIBUTES.get(key), condition, "attribute '" + key + "'");
        } else {
            throw TrackingError.invalid("Invalid attribute key '" + key + "' specified. Valid keys are "
                    + "run_id, run_name, status, user_id, artifact_uri, start_time, end_time, created.");
        }
    }

    private static void order(BoundSql sql, OrderBy order) {
        String direction = order.ascending() ? " ASC, " : " DESC, ";
        switch (order.entity()) {
            case ATTRIBUTE -> {
                String column = NUMERIC_ATTRIBUTES.getOrDefault(order.key(), TEXT_ATTRIBUTES.get(order.key()));
                if (order.key().equals("experiment_id")) {
                    column = "r.experiment_id";
                }
                if (column == null) {
                    throw TrackingError.invalid("Invalid order_by attribute '" + order.key() + "'.");
                }
                sql.append(column).append(direction);
            }
            case METRIC -> keyed(sql, "latest_metric", order.key(), direction);
            case PARAM -> keyed(sql, "run_param", order.key(), direction);
            case TAG -> keyed(sql, "run_tag", order.key(), direction);
        }
    }

    private static void keyed(BoundSql sql, String table, String key, String direction) {
        // Runs without the field sort last in either direction, as in MLflow.
        String subquery = "(SELECT x.value FROM " + table + " x WHERE x.run_id = r.id AND x.key = ";
        sql.append(subquery).bind(key).append(") IS NULL, ");
        sql.append(subquery).bind(key).append(")").append(direction);
    }
}
