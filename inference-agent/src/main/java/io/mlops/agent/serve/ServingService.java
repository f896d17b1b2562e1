package io.mlops.agent.serve;

import io.mlops.protocol.admin.VersionState;
import io.mlops.protocol.v2.Tensor;
import io.mlops.protocol.v2.TensorSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The V2 inference protocol over the served models: routes each request to the version it names or
 * to the one routing picks, validates it against that version's inputs, runs it through the
 * version's executor with a deadline, and counts it on the version that took it.
 */
public final class ServingService implements InferenceService {
    private static final Map<String, String> PLATFORMS =
            Map.of("onnxruntime", "onnxruntime_onnx", "openvino", "openvino", "tensorrt", "tensorrt_plan");

    private final ServedModels models;
    private final Duration timeout;
    private volatile boolean started;

    /**
     * Creates the service.
     *
     * @param models the served models
     * @param timeout how long a request may take before it is answered with {@link Overloaded}
     */
    public ServingService(ServedModels models, Duration timeout) {
        this.models = models;
        this.timeout = timeout;
    }

    /** Marks the start-up loading done: from now on readiness depends on the models alone. */
    public void started() {
        this.started = true;
    }

    @Override
    public String serverName() {
        return "mlops-inference-agent";
    }

    @Override
    public String serverVersion() {
        String version = ServingService.class.getPackage().getImplementationVersion();
        return version == null ? "0.1.0-SNAPSHOT" : version;
    }

    @Override
    public List<String> extensions() {
        return List.of("binary_tensor_data", "classification", "model_configuration", NodeReport.EXTENSION);
    }

    @Override
    public boolean live() {
        return true;
    }

    @Override
    public boolean ready() {
        if (!started) {
            return false;
        }
        for (ServedModel model : models.all()) {
            String primary = model.routing().primary();
            if (primary != null && !isReady(model.version(primary))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean modelReady(String model, String version) {
        ServedModel served = models.get(model);
        if (version == null || version.isEmpty()) {
            String primary = served.routing().primary();
            return primary != null && isReady(served.version(primary));
        }
        return isReady(known(served, version));
    }

    private static boolean isReady(ModelVersion version) {
        return version != null && version.state() == VersionState.READY;
    }

    private static ModelVersion known(ServedModel served, String version) {
        ModelVersion found = served.version(version);
        if (found == null) {
            throw new UnknownModel("model '" + served.name() + "' has no version " + version + "; it has "
                    + served.versions().stream().map(ModelVersion::version).toList());
        }
        return found;
    }

    /**
     * The metadata of a version; with no version named, of the primary, or before the first switch
     * of the newest ready version.
     */
    @Override
    public ModelMetadata metadata(String model, String version) {
        ServedModel served = models.get(model);
        return metadata(served, chosen(served, version));
    }

    @Override
    public ModelConfig config(String model, String version) {
        ServedModel served = models.get(model);
        ModelVersion chosen = chosen(served, version);
        ModelMetadata metadata = metadata(served, chosen);
        List<TensorSpec> tensors = new ArrayList<>(metadata.inputs());
        tensors.addAll(metadata.outputs());
        boolean batchDimension = !metadata.inputs().isEmpty()
                && tensors.stream().allMatch(spec -> spec.shape().length > 0 && spec.shape()[0] < 0);
        Path labelFile = chosen.labelFile();
        return new ModelConfig(
                metadata,
                chosen.backend(),
                chosen.device(),
                batchDimension,
                chosen.executor().scheduling(),
                labelFile == null ? null : labelFile.getFileName().toString(),
                chosen.labels());
    }

    private ModelVersion chosen(ServedModel served, String version) {
        String model = served.name();
        ModelVersion chosen;
        if (version == null || version.isEmpty()) {
            String primary = served.routing().primary();
            chosen = primary != null
                    ? served.version(primary)
                    : served.versions().stream()
                            .filter(ServingService::isReady)
                            .reduce((a, b) -> b)
                            .orElseThrow(() -> new UnknownModel("model '" + model + "' has no ready version"));
        } else {
            chosen = known(served, version);
        }
        if (!isReady(chosen)) {
            throw new UnknownModel(
                    "model '" + model + "' version " + chosen.version() + " is " + chosen.state() + ", not ready");
        }
        return chosen;
    }

    private static ModelMetadata metadata(ServedModel served, ModelVersion chosen) {
        String model = served.name();
        List<String> ready = served.versions().stream()
                .filter(ServingService::isReady)
                .map(ModelVersion::version)
                .toList();
        return new ModelMetadata(
                model,
                ready,
                PLATFORMS.getOrDefault(chosen.backend(), chosen.backend()),
                chosen.loaded().inputs(),
                chosen.loaded().outputs());
    }

    @Override
    public InferResponse infer(InferRequest request) {
        ServedModel served = models.get(request.model());
        ModelVersion version = served.enter(request.version());
        AtomicBoolean failureCounted = new AtomicBoolean();
        CompletableFuture<List<Tensor>> result;
        try {
            String where = "model '" + served.name() + "' version " + version.version();
            List<Tensor> inputs = InputValidation.inputs(where, version.loaded().inputs(), request.inputs());
            InputValidation.outputs(where, version.loaded().outputs(), request.outputs());
            result = version.executor().submit(inputs, request.outputs());
        } catch (RuntimeException e) {
            version.exit(true);
            throw e;
        }
        // The version stays in flight until the backend is really done, even after a timeout, so an
        // unload never frees a model under a running request.
        result.whenComplete((outputs, failure) -> version.exit(failure != null && !failureCounted.get()));
        try {
            List<Tensor> outputs = result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new InferResponse(served.name(), version.version(), request.id(), outputs);
        } catch (TimeoutException e) {
            if (failureCounted.compareAndSet(false, true)) {
                version.countFailure();
            }
            Overloaded overloaded = new Overloaded("model '" + served.name() + "' version " + version.version()
                    + " did not answer within " + timeout.toMillis() + " ms");
            overloaded.initCause(e);
            throw overloaded;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Overloaded("interrupted while waiting for model '" + served.name() + "'");
        }
    }
}
