package io.mlops.agent.backend.onnxruntime;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.mlops.agent.backend.LoadedModel;
import io.mlops.error.UserError;
import io.mlops.protocol.v2.Tensor;
import io.mlops.protocol.v2.TensorSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;

/**
 * A model in one ONNX Runtime session. ONNX Runtime sessions are thread-safe, so instead of a pool
 * of sessions (each holding its own copy of the weights) a semaphore lets at most {@code sessions}
 * runs use the one session at a time.
 */
final class OrtLoadedModel implements LoadedModel {
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final Semaphore runs;
    private final int sessions;
    private final Path file;
    private final List<TensorSpec> inputs;
    private final List<TensorSpec> outputs;

    OrtLoadedModel(OrtEnvironment environment, OrtSession session, int sessions, Path file) throws OrtException {
        this.environment = environment;
        this.session = session;
        this.sessions = sessions;
        this.runs = new Semaphore(sessions, true);
        this.file = file;
        try {
            this.inputs = specs(session.getInputInfo());
            this.outputs = specs(session.getOutputInfo());
        } catch (OrtException | UserError e) {
            session.close();
            throw e;
        }
    }

    private List<TensorSpec> specs(Map<String, NodeInfo> nodes) {
        List<TensorSpec> specs = new ArrayList<>();
        for (NodeInfo node : nodes.values()) {
            if (!(node.getInfo() instanceof TensorInfo info)) {
                throw new UserError(file + ": '" + node.getName() + "' is " + node.getInfo()
                        + ", not a tensor; the KServe V2 protocol carries tensors only");
            }
            specs.add(
                    new TensorSpec(node.getName(), OrtTypes.dataType(info.onnxType, node.getName()), info.getShape()));
        }
        return List.copyOf(specs);
    }

    @Override
    public List<TensorSpec> inputs() {
        return inputs;
    }

    @Override
    public List<TensorSpec> outputs() {
        return outputs;
    }

    @Override
    public List<Tensor> infer(List<Tensor> given, Set<String> wanted) {
        runs.acquireUninterruptibly();
        Map<String, OnnxTensor> feeds = new LinkedHashMap<>();
        try {
            for (Tensor tensor : given) {
                feeds.put(tensor.name(), OrtTensorCodec.toOrt(environment, tensor, tensor.datatype()));
            }
            Set<String> names = wanted.isEmpty() ? session.getOutputNames() : wanted;
            try (OrtSession.Result result = session.run(feeds, names)) {
                List<Tensor> answers = new ArrayList<>();
                for (TensorSpec output : outputs) {
                    var value = result.get(output.name());
                    if (value.isPresent()) {
                        answers.add(OrtTensorCodec.fromOrt(output.name(), tensor(output.name(), value.get())));
                    }
                }
                return answers;
            }
        } catch (OrtException e) {
            throw new UserError("ONNX Runtime failed to run " + file + ": " + e.getMessage(), e);
        } finally {
            feeds.values().forEach(OnnxTensor::close);
            runs.release();
        }
    }

    private OnnxTensor tensor(String name, OnnxValue value) {
        if (value instanceof OnnxTensor tensor) {
            return tensor;
        }
        throw new UserError(file + ": output '" + name + "' is " + value.getType() + ", not a tensor");
    }

    /** Waits for the runs in progress, then frees the session. */
    @Override
    public void close() {
        runs.acquireUninterruptibly(sessions);
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime could not close the session of " + file, e);
        }
    }
}
