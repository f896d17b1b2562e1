package io.mlops.agent.serve;

import io.mlops.agent.backend.LoadedModel;

/** Makes the {@link ModelExecutor} of each loaded version, e.g. a direct one or a dynamic batcher. */
@FunctionalInterface
public interface ModelExecutorFactory {
    /**
     * Makes the executor of one version.
     *
     * @param model the model's name
     * @param version the version
     * @param loaded the loaded model it runs
     * @return the executor, closed when the version is unloaded
     */
    ModelExecutor create(String model, String version, LoadedModel loaded);
}
