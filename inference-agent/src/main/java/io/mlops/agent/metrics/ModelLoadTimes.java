package io.mlops.agent.metrics;

import io.mlops.protocol.admin.ModelStatus;
import io.mlops.protocol.admin.VersionState;
import io.mlops.protocol.admin.VersionStatus;
import java.util.List;
import java.util.function.Supplier;

/**
 * The gauge {@code mlops_agent_model_load_seconds{model,version}}: how long each ready version took
 * to load and warm up, read from the deployments' status at scrape time.
 */
public final class ModelLoadTimes implements MetricSource {
    private static final String NAME = "mlops_agent_model_load_seconds";

    private final Supplier<List<ModelStatus>> statuses;

    /**
     * Reads load times from the models' status.
     *
     * @param statuses the status of every model, e.g. {@code deployments::statuses}
     */
    public ModelLoadTimes(Supplier<List<ModelStatus>> statuses) {
        this.statuses = statuses;
    }

    @Override
    public void writeTo(PrometheusText out) {
        out.family(NAME, "gauge", "Time the model version took to load and warm up.");
        List<String> labels = List.of("model", "version");
        for (ModelStatus model : statuses.get()) {
            for (VersionStatus version : model.versions()) {
                if (version.state() == VersionState.READY) {
                    out.sample(NAME, labels, List.of(model.name(), version.version()), version.loadMillis() / 1000.0);
                }
            }
        }
    }
}
