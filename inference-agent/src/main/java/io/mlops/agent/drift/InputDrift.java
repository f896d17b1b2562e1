package io.mlops.agent.drift;

import io.mlops.agent.metrics.MetricSource;
import io.mlops.agent.metrics.PrometheusText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The drift monitors of every model version the agent serves: exposed as the Prometheus gauges
 * {@code mlops_agent_input_psi{model,version,input}} (and, for tabular inputs,
 * {@code mlops_agent_input_feature_psi{...,feature}}), and as the {@code drift} field of a model's
 * admin status. Inputs that have seen no request yet are left out of both.
 */
public final class InputDrift implements MetricSource {
    private final Map<List<String>, DriftMonitor> monitors =
            new ConcurrentSkipListMap<>((a, b) -> a.get(0).equals(b.get(0))
                    ? compareVersions(a.get(1), b.get(1))
                    : a.get(0).compareTo(b.get(0)));

    /**
     * Starts watching a model version.
     *
     * @param model the model
     * @param version the version
     * @param monitor its monitor
     */
    public void watch(String model, String version, DriftMonitor monitor) {
        monitors.put(List.of(model, version), monitor);
    }

    /**
     * Stops watching a model version, once it is unloaded.
     *
     * @param model the model
     * @param version the version
     */
    public void forget(String model, String version) {
        monitors.remove(List.of(model, version));
    }

    /**
     * The {@code drift} field of a model's admin status: per input its PSI and window, from the
     * newest version that has seen requests on that input, e.g.
     * {@code {"x":{"psi":0.12,"window":1000,"version":"3"}}}.
     *
     * @param model the model
     * @return by input name; empty when no version is watched or none has seen a request
     */
    public Map<String, Map<String, Object>> status(String model) {
        Map<String, Map<String, Object>> status = new LinkedHashMap<>();
        monitors.forEach((key, monitor) -> {
            if (!key.get(0).equals(model)) {
                return;
            }
            monitor.readings().forEach((input, reading) -> {
                if (reading.window() > 0 && !Double.isNaN(reading.psi())) {
                    Map<String, Object> figures = new LinkedHashMap<>();
                    figures.put("psi", reading.psi());
                    figures.put("window", reading.window());
                    figures.put("version", key.get(1));
                    if (!reading.features().isEmpty()) {
                        figures.put(
                                "features",
                                reading.features().stream()
                                        .map(psi -> psi.isNaN() ? null : psi)
                                        .toList());
                    }
                    status.put(input, figures); // versions come in increasing order: the newest wins
                }
            });
        });
        return status;
    }

    @Override
    public void writeTo(PrometheusText out) {
        List<String> inputLabels = List.of("model", "version", "input");
        List<String> featureLabels = List.of("model", "version", "input", "feature");
        List<Runnable> features = new ArrayList<>();
        out.family(
                "mlops_agent_input_psi",
                "gauge",
                "Population stability index of an input's recent rows against the bundle's reference statistics.");
        monitors.forEach((key, monitor) -> monitor.readings().forEach((input, reading) -> {
            if (reading.window() == 0 || Double.isNaN(reading.psi())) {
                return;
            }
            out.sample("mlops_agent_input_psi", inputLabels, List.of(key.get(0), key.get(1), input), reading.psi());
            for (int f = 0; f < reading.features().size(); f++) {
                List<String> labels = List.of(key.get(0), key.get(1), input, Integer.toString(f));
                double psi = reading.features().get(f);
                features.add(() -> out.sample("mlops_agent_input_feature_psi", featureLabels, labels, psi));
            }
        }));
        if (!features.isEmpty()) {
            out.family(
                    "mlops_agent_input_feature_psi",
                    "gauge",
                    "Population stability index of one feature of a tabular input.");
            features.forEach(Runnable::run);
        }
    }

    private static int compareVersions(String a, String b) {
        try {
            return Long.compare(Long.parseLong(a), Long.parseLong(b));
        } catch (NumberFormatException e) {
            return a.compareTo(b);
        }
    }
}
