package io.mlops.eval.metric;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Regression metrics, equal to scikit-learn's mean_absolute_error, root_mean_squared_error and
 * r2_score (averaged uniformly over outputs).
 *
 * @param samples samples evaluated
 * @param mae mean absolute error
 * @param rmse root mean squared error
 * @param r2 coefficient of determination (1 for a perfect fit of constant targets, as
 *     scikit-learn's force_finite)
 */
public record RegressionMetrics(long samples, double mae, double rmse, double r2) implements Serializable {
    /**
     * Computes the metrics of a state.
     *
     * @param state the accumulated state
     * @return the metrics
     */
    public static RegressionMetrics of(RegressionState state) {
        int outputs = state.absoluteErrors().length;
        long n = state.count();
        double mae = 0;
        double rmse = 0;
        double r2 = 0;
        for (int o = 0; o < outputs; o++) {
            mae += state.absoluteErrors()[o] / n;
            rmse += Math.sqrt(state.squaredErrors()[o] / n);
            double residual = state.squaredErrors()[o];
            double total = state.targetSquares()[o];
            r2 += total == 0 ? (residual == 0 ? 1 : 0) : 1 - residual / total;
        }
        return new RegressionMetrics(n, mae / outputs, rmse / outputs, r2 / outputs);
    }

    /**
     * The metrics gates and reports use, by name.
     *
     * @return {@code mae}, {@code rmse}, {@code r2}
     */
    public Map<String, Double> named() {
        Map<String, Double> named = new LinkedHashMap<>();
        named.put("mae", mae);
        named.put("rmse", rmse);
        named.put("r2", r2);
        return named;
    }
}
