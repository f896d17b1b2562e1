package io.mlops.jenkins.tracking;

import hudson.model.Run;
import io.mlops.jenkins.MlopsStores;
import io.mlops.tracking.Metric;
import io.mlops.tracking.MetricChart;
import io.mlops.tracking.Param;
import io.mlops.tracking.TrackingStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import jenkins.model.RunAction2;

/**
 * The MLflow run a build's trackRun step recorded: its parameters, final metrics and a chart per
 * metric, read from the store when the page is shown (the page reloads while the build runs).
 */
public final class TrackRunAction implements RunAction2 {
    private static final int MAX_POINTS = 2000;

    private final String runId;
    private final String experiment;
    private transient Run<?, ?> run;

    TrackRunAction(String runId, String experiment) {
        this.runId = runId;
        this.experiment = experiment;
    }

    /** @return the MLflow run id */
    public String getRunId() {
        return runId;
    }

    /** @return the experiment */
    public String getExperiment() {
        return experiment;
    }

    /** @return the build */
    public Run<?, ?> getRun() {
        return run;
    }

    /** @return whether the build still runs, so the page refreshes */
    public boolean isLive() {
        return run != null && run.isBuilding();
    }

    /** @return the run's status */
    public String getStatus() {
        return store().run(runId).info().status().name();
    }

    /** @return the run's parameters, by key */
    public List<Param> getParams() {
        List<Param> params = new ArrayList<>(store().run(runId).params());
        params.sort(Comparator.comparing(Param::key));
        return params;
    }

    /** @return the latest value of each metric, by key */
    public List<Metric> getMetrics() {
        List<Metric> metrics = new ArrayList<>(store().run(runId).metrics());
        metrics.sort(Comparator.comparing(Metric::key));
        return metrics;
    }

    /** @return one chart per metric with more than one value */
    public List<MetricChart> getCharts() {
        TrackingStore store = store();
        List<MetricChart> charts = new ArrayList<>();
        for (Metric latest : getMetrics()) {
            List<Metric> history = new ArrayList<>(
                    store.metricHistory(runId, latest.key(), MAX_POINTS, null).items());
            history.sort(Comparator.comparingLong(Metric::step).thenComparingLong(Metric::timestamp));
            if (history.size() > 1) {
                charts.add(MetricChart.of(latest.key(), history));
            }
        }
        return charts;
    }

    private static TrackingStore store() {
        return MlopsStores.get().current().tracking();
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public String getIconFileName() {
        return "symbol-analytics-outline plugin-ionicons-api";
    }

    @Override
    public String getDisplayName() {
        return "MLflow run";
    }

    @Override
    public String getUrlName() {
        return "mlops-run-" + runId;
    }
}
