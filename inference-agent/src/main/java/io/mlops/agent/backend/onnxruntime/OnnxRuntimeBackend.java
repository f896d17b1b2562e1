package io.mlops.agent.backend.onnxruntime;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import io.mlops.agent.backend.Backend;
import io.mlops.agent.backend.LoadOptions;
import io.mlops.agent.backend.LoadedModel;
import io.mlops.error.UserError;
import io.mlops.onnx.Device;
import io.mlops.onnx.OnnxModelFile;
import io.mlops.onnx.RuntimeSupport;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Locale;

/**
 * ONNX Runtime as a serving backend: the CPU execution provider, or CUDA / TensorRT when the device
 * says so and this ONNX Runtime build has the provider. The model file is parsed and its opsets
 * checked before ONNX Runtime sees it, so a corrupt or too-new model fails with a message that says
 * which file and why.
 */
public final class OnnxRuntimeBackend implements Backend {
    /** The name users pick this backend by. */
    public static final String NAME = "onnxruntime";

    private final OrtEnvironment environment;

    /**
     * Opens the backend on the process-wide ONNX Runtime environment.
     *
     * @throws UserError on a big-endian host, where the V2 little-endian bytes would need swapping
     */
    public OnnxRuntimeBackend() {
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            throw new UserError("the onnxruntime backend needs a little-endian host");
        }
        this.environment = OrtEnvironment.getEnvironment();
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Loads a model with one ONNX Runtime session, which is safe to run from several threads; at
     * most {@link LoadOptions#sessions()} runs proceed at once, each with an equal share of the cores.
     *
     * @param model the ONNX file
     * @param options device {@code cpu}, {@code cuda[:N]} or {@code tensorrt[:N]}; concurrent runs
     * @return the loaded model
     * @throws UserError when the file is not a model ONNX Runtime can run, or the device is missing
     */
    @Override
    public LoadedModel load(Path model, LoadOptions options) {
        RuntimeSupport.check(OnnxModelFile.read(model));
        try (OrtSession.SessionOptions sessionOptions = sessionOptions(options)) {
            OrtSession session = environment.createSession(model.toString(), sessionOptions);
            return new OrtLoadedModel(environment, session, options.sessions(), model);
        } catch (OrtException e) {
            throw new UserError("ONNX Runtime cannot load " + model + ": " + e.getMessage(), e);
        }
    }

    private static OrtSession.SessionOptions sessionOptions(LoadOptions options) throws OrtException {
        String[] deviceAndIndex = options.device().split(":", 2);
        Device device = Device.parse(deviceAndIndex[0]);
        int index = deviceAndIndex.length == 2 ? parseIndex(options.device(), deviceAndIndex[1]) : 0;
        OrtSession.SessionOptions sessionOptions = new OrtSession.SessionOptions();
        sessionOptions.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
        sessionOptions.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        // Concurrent runs share the cores instead of each spinning up one thread per core.
        int cores = Runtime.getRuntime().availableProcessors();
        sessionOptions.setIntraOpNumThreads(Math.max(1, cores / options.sessions()));
        sessionOptions.addConfigEntry("session.intra_op.allow_spinning", "0");
        switch (device) {
            case CPU -> {}
            case CUDA -> {
                requireProvider(OrtProvider.CUDA, options.device());
                sessionOptions.addCUDA(index);
            }
            case TENSORRT -> {
                requireProvider(OrtProvider.TENSOR_RT, options.device());
                sessionOptions.addTensorrt(index);
                sessionOptions.addCUDA(index);
            }
        }
        return sessionOptions;
    }

    private static int parseIndex(String device, String index) {
        try {
            return Integer.parseInt(index);
        } catch (NumberFormatException e) {
            throw new UserError("device '" + device + "': the GPU index after ':' must be a number");
        }
    }

    private static void requireProvider(OrtProvider provider, String device) {
        if (!OrtEnvironment.getAvailableProviders().contains(provider)) {
            throw new UserError("device " + device.toLowerCase(Locale.ROOT)
                    + " is not available: this ONNX Runtime build has only " + OrtEnvironment.getAvailableProviders()
                    + " (a GPU node needs the com.microsoft.onnxruntime:onnxruntime_gpu jar and the NVIDIA libraries)");
        }
    }

    /** Nothing to release: the ONNX Runtime environment is shared by the process; each model closes its session. */
    @Override
    public void close() {}
}
