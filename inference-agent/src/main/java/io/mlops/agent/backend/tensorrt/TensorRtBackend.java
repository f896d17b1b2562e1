package io.mlops.agent.backend.tensorrt;

import static org.bytedeco.cuda.global.cudart.cudaGetDeviceCount;
import static org.bytedeco.cuda.global.cudart.cudaSetDevice;
import static org.bytedeco.tensorrt.global.nvinfer.createInferRuntime;
import static org.bytedeco.tensorrt.global.nvinfer.getInferLibVersion;

import io.mlops.agent.backend.Backend;
import io.mlops.agent.backend.LoadOptions;
import io.mlops.agent.backend.LoadedModel;
import io.mlops.error.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.tensorrt.global.nvinfer;
import org.bytedeco.tensorrt.global.nvonnxparser;
import org.bytedeco.tensorrt.nvinfer.ICudaEngine;
import org.bytedeco.tensorrt.nvinfer.IRuntime;

/**
 * Runs ONNX models as TensorRT engines on an NVIDIA GPU ({@link LoadOptions#device()}: a CUDA device
 * index such as {@code 0} or {@code cuda:1}). The first load of a version builds the engine on that
 * GPU and keeps it in {@link LoadOptions#compiledDir()} under the GPU model, the TensorRT version and
 * the model's SHA-256; later loads deserialize it, which takes seconds instead of minutes.
 *
 * <p>TensorRT and CUDA come from the node's own installation (TensorRT 10, CUDA 13): the agent ships
 * only the JavaCPP bindings. {@link #create()} fails with a clear message where they are missing.
 */
public final class TensorRtBackend implements Backend {
    private final TrtLogger logger;
    private final IRuntime runtime;

    private TensorRtBackend(TrtLogger logger, IRuntime runtime) {
        this.logger = logger;
        this.runtime = runtime;
    }

    /**
     * Loads TensorRT and CUDA and checks that the node has a GPU.
     *
     * @return the backend
     * @throws UserError when the libraries or a GPU are missing, saying which
     */
    public static TensorRtBackend create() {
        try {
            Loader.load(org.bytedeco.cuda.global.cudart.class);
            Loader.load(nvinfer.class);
            Loader.load(nvonnxparser.class);
        } catch (LinkageError e) {
            throw new UserError("TensorRT is not available on this node: its libraries (libnvinfer.so.10, "
                    + "libnvonnxparser.so.10, CUDA's libcudart) do not load: " + e.getMessage());
        }
        int[] count = new int[1];
        if (cudaGetDeviceCount(count) != 0 || count[0] == 0) {
            throw new UserError("TensorRT needs an NVIDIA GPU and this node has none that CUDA can use");
        }
        TrtLogger logger = new TrtLogger();
        IRuntime runtime = createInferRuntime(logger);
        if (runtime == null || runtime.isNull()) {
            throw new UserError("TensorRT cannot create its runtime: " + logger.drain());
        }
        return new TensorRtBackend(logger, runtime);
    }

    @Override
    public String name() {
        return "tensorrt";
    }

    /**
     * TensorRT's version as a number.
     *
     * @return e.g. {@code 101500} for 10.15.0
     */
    public int tensorRtVersion() {
        return getInferLibVersion();
    }

    @Override
    public LoadedModel load(Path model, LoadOptions options) {
        if (!Files.isRegularFile(model)) {
            throw new UserError("model file " + model + " does not exist");
        }
        GpuDevice gpu = GpuDevice.of(options.device());
        Cuda.check(cudaSetDevice(gpu.index()), "select GPU " + gpu.index());
        EngineFile file = EngineFile.of(options.compiledDir(), model, gpu.name(), getInferLibVersion());
        Optional<byte[]> cached = file.read();
        byte[] engine = cached.orElseGet(() -> {
            byte[] built = EngineBuilder.build(logger, model);
            file.write(built);
            return built;
        });
        ICudaEngine deserialized;
        synchronized (runtime) {
            deserialized = runtime.deserializeCudaEngine(new BytePointer(engine), engine.length);
        }
        if (deserialized == null || deserialized.isNull()) {
            throw new UserError("TensorRT cannot load engine " + file.path()
                    + (cached.isPresent() ? " (delete it to rebuild)" : "") + ": " + logger.drain());
        }
        return TensorRtModel.create(deserialized, gpu, options.sessions(), logger, model.toString());
    }

    @Override
    public void close() {
        runtime.close();
    }
}
