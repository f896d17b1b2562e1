package io.mlops.jenkins.steps;

import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Run;
import io.mlops.tracking.Metric;
import io.mlops.tracking.MetricChart;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The metrics of the job's evaluations over its builds, one chart per metric, on the job page. */
public final class EvaluationTrendAction implements Action {
    private static final int BUILDS = 50;

    private final Job<?, ?> job;

    EvaluationTrendAction(Job<?, ?> job) {
        this.job = job;
    }

    /** @return the job */
    public Job<?, ?> getJob() {
        return job;
    }

    /** @return one chart per metric over the last builds, oldest build left */
    public List<MetricChart> getCharts() {
        Map<String, List<Metric>> series = new TreeMap<>();
        List<Run<?, ?>> builds = new ArrayList<>();
        int count = 0;
        for (Run<?, ?> build = job.getLastBuild(); build != null && count < BUILDS; build = build.getPreviousBuild()) {
            builds.addFirst(build);
            count++;
        }
        for (Run<?, ?> build : builds) {
            EvaluationAction evaluation = build.getAction(EvaluationAction.class);
            if (evaluation == null) {
                continue;
            }
            evaluation
                    .getMetrics()
                    .forEach((key, value) -> series.computeIfAbsent(key, k -> new ArrayList<>())
                            .add(new Metric(key, value, build.getTimeInMillis(), build.getNumber())));
        }
        List<MetricChart> charts = new ArrayList<>();
        series.forEach((key, history) -> {
            if (history.size() > 1) {
                charts.add(MetricChart.of(key, history));
            }
        });
        return charts;
    }

    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return "Model metrics trend";
    }

    @Override
    public String getUrlName() {
        return null;
    }
}
