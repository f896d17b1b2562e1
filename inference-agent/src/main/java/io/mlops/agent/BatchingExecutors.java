package io.mlops.agent;

import io.mlops.agent.backend.LoadedModel;
import io.mlops.agent.batch.BatchObserver;
import io.mlops.agent.batch.BatchPolicy;
import io.mlops.agent.batch.BatchPolicyFile;
import io.mlops.agent.batch.DynamicBatcher;
import io.mlops.agent.drift.DriftMonitor;
import io.mlops.agent.drift.InputDrift;
import io.mlops.agent.metrics.AgentMetrics;
import io.mlops.agent.serve.ModelExecutor;
import io.mlops.agent.serve.ModelExecutorFactory;
import io.mlops.agent.serve.ModelRepository;
import io.mlops.agent.serve.SchedulingPolicy;
import io.mlops.error.UserError;
import io.mlops.protocol.reference.ReferenceStats;
import io.mlops.protocol.v2.Tensor;
import io.mlops.protocol.v2.TensorSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Gives every loaded model version a {@link DynamicBatcher} with the agent's batching policy (or
 * the model's {@code config.json}), reporting to the agent's metrics and, when the version's
 * bundle brought a {@code reference-stats.json}, to a drift monitor. Unloading the version closes
 * the batcher and drops its metric series and monitor.
 */
public final class BatchingExecutors implements ModelExecutorFactory {
    private final ModelRepository repository;
    private final BatchPolicy defaults;
    private final AgentMetrics metrics;
    private final InputDrift drift;
    private final int driftWindow;

    /**
     * Creates the factory.
     *
     * @param repository the model repository, where each version's files are
     * @param defaults the batching policy from the agent's command line
     * @param metrics the agent's metrics
     * @param drift the agent's drift monitors
     * @param driftWindow the recent rows each input's drift is computed on
     */
    public BatchingExecutors(
            ModelRepository repository, BatchPolicy defaults, AgentMetrics metrics, InputDrift drift, int driftWindow) {
        this.repository = repository;
        this.defaults = defaults;
        this.metrics = metrics;
        this.drift = drift;
        this.driftWindow = driftWindow;
    }

    /**
     * Makes a version's batcher.
     *
     * @throws UserError when the version's {@code config.json} or {@code reference-stats.json} is
     *     not valid, which fails the load with that message
     */
    @Override
    public ModelExecutor create(String model, String version, LoadedModel loaded) {
        Path dir = repository.versionDir(model, version);
        BatchPolicy policy = BatchPolicyFile.forVersion(dir, defaults);
        List<BatchObserver> observers = new ArrayList<>();
        observers.add(metrics.batchObserver(model, version));
        Path referenceFile = dir.resolve(ReferenceStats.FILE);
        if (Files.isRegularFile(referenceFile)) {
            ReferenceStats reference = ReferenceStats.read(referenceFile);
            List<String> inputs = loaded.inputs().stream().map(TensorSpec::name).toList();
            for (String input : reference.inputs().keySet()) {
                if (!inputs.contains(input)) {
                    throw new UserError(referenceFile + " describes input '" + input
                            + "', which the model does not have; its inputs are " + inputs);
                }
            }
            DriftMonitor monitor = new DriftMonitor(reference, driftWindow);
            observers.add(monitor);
            drift.watch(model, version, monitor);
        }
        DynamicBatcher batcher =
                new DynamicBatcher("'" + model + "' version " + version, loaded, policy, BatchObserver.all(observers));
        return new ModelExecutor() {
            @Override
            public CompletableFuture<List<Tensor>> submit(List<Tensor> inputs, Set<String> outputs) {
                return batcher.submit(inputs, outputs);
            }

            @Override
            public SchedulingPolicy scheduling() {
                return new SchedulingPolicy(
                        policy.maxBatchSize(), batcher.batching(), policy.maxQueueDelayMicros(), policy.sessions());
            }

            @Override
            public void close() {
                batcher.close();
                drift.forget(model, version);
                metrics.modelUnloaded(model, version);
            }
        };
    }
}
