package io.mlops.agent.metrics;

import io.mlops.agent.serve.InferRequest;
import io.mlops.agent.serve.InferResponse;
import io.mlops.agent.serve.InferenceService;
import io.mlops.agent.serve.ModelConfig;
import io.mlops.agent.serve.ModelMetadata;
import java.util.List;

/**
 * The inference service with every request counted and timed in the agent's metrics, by the
 * version that answered and the outcome. The transports (HTTP, gRPC) serve through it.
 */
public final class MeasuredInferenceService implements InferenceService {
    private final InferenceService service;
    private final AgentMetrics metrics;

    /**
     * Wraps a service.
     *
     * @param service the service that does the work
     * @param metrics where requests are counted
     */
    public MeasuredInferenceService(InferenceService service, AgentMetrics metrics) {
        this.service = service;
        this.metrics = metrics;
    }

    @Override
    public InferResponse infer(InferRequest request) {
        long start = System.nanoTime();
        try {
            InferResponse response = service.infer(request);
            metrics.requestFinished(response.model(), response.version(), null, System.nanoTime() - start);
            return response;
        } catch (RuntimeException e) {
            // A failure names the version asked for; with none asked for, the label stays empty.
            metrics.requestFinished(request.model(), request.version(), e, System.nanoTime() - start);
            throw e;
        }
    }

    @Override
    public String serverName() {
        return service.serverName();
    }

    @Override
    public String serverVersion() {
        return service.serverVersion();
    }

    @Override
    public List<String> extensions() {
        return service.extensions();
    }

    @Override
    public boolean live() {
        return service.live();
    }

    @Override
    public boolean ready() {
        return service.ready();
    }

    @Override
    public boolean modelReady(String model, String version) {
        return service.modelReady(model, version);
    }

    @Override
    public ModelMetadata metadata(String model, String version) {
        return service.metadata(model, version);
    }

    @Override
    public ModelConfig config(String model, String version) {
        return service.config(model, version);
    }
}
