package io.mlops.agent.grpc;

import io.mlops.agent.serve.InferRequest;
import io.mlops.agent.serve.InferResponse;
import io.mlops.agent.serve.InferenceService;
import io.mlops.agent.serve.ModelConfig;
import io.mlops.agent.serve.ModelMetadata;
import io.mlops.agent.serve.Overloaded;
import io.mlops.agent.serve.SchedulingPolicy;
import io.mlops.agent.serve.UnknownModel;
import io.mlops.protocol.v2.DataType;
import io.mlops.protocol.v2.InvalidInput;
import io.mlops.protocol.v2.Tensor;
import io.mlops.protocol.v2.TensorSpec;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A stand-in for the serving core (which another module part provides) so the gRPC translation is
 * tested alone: model {@code echo} answers each input as output {@code <name>_out}; models named
 * {@code overloaded}, {@code invalid} and {@code broken} fail the way their names say.
 */
final class EchoService implements InferenceService {
    final AtomicReference<InferRequest> lastRequest = new AtomicReference<>();

    @Override
    public String serverName() {
        return "mlops-inference-agent";
    }

    @Override
    public String serverVersion() {
        return "0.1.0";
    }

    @Override
    public List<String> extensions() {
        return List.of("binary_tensor_data");
    }

    @Override
    public boolean live() {
        return true;
    }

    @Override
    public boolean ready() {
        return true;
    }

    @Override
    public boolean modelReady(String model, String version) {
        known(model);
        if (version != null && !version.equals("1") && !version.equals("2")) {
            throw new UnknownModel("model '" + model + "' has no version " + version);
        }
        return version == null || version.equals("1");
    }

    @Override
    public ModelMetadata metadata(String model, String version) {
        known(model);
        return new ModelMetadata(
                model,
                List.of("1"),
                "onnxruntime_onnx",
                List.of(new TensorSpec("x", DataType.FP32, new long[] {-1, 3})),
                List.of(new TensorSpec("x_out", DataType.FP32, new long[] {-1, 3})));
    }

    @Override
    public ModelConfig config(String model, String version) {
        return new ModelConfig(
                metadata(model, version),
                "onnxruntime",
                "cpu",
                true,
                new SchedulingPolicy(8, true, 500, 2),
                null,
                List.of());
    }

    @Override
    public InferResponse infer(InferRequest request) {
        lastRequest.set(request);
        switch (request.model()) {
            case "overloaded" -> throw new Overloaded("queue of model 'overloaded' is full (8 waiting)");
            case "invalid" -> throw new InvalidInput("input 'x': expected FP32, got INT64");
            case "broken" -> throw new IllegalStateException("runtime crashed");
            default -> known(request.model());
        }
        List<Tensor> outputs = request.inputs().stream()
                .map(t -> t.named(t.name() + "_out"))
                .filter(t -> request.outputs().isEmpty() || request.outputs().contains(t.name()))
                .toList();
        return new InferResponse(request.model(), "1", request.id(), outputs);
    }

    private static void known(String model) {
        if (!model.equals("echo")) {
            throw new UnknownModel("model '" + model + "' is not loaded");
        }
    }
}
