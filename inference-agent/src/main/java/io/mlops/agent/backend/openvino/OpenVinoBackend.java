package io.mlops.agent.backend.openvino;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import io.mlops.agent.backend.Backend;
import io.mlops.agent.backend.LoadOptions;
import io.mlops.agent.backend.LoadedModel;
import io.mlops.error.UserError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Runs ONNX models with Intel's OpenVINO runtime through its C API: on the CPU, an Intel GPU, or
 * wherever OpenVINO's AUTO plugin picks ({@link LoadOptions#device()} {@code CPU}, {@code GPU},
 * {@code AUTO}). Compiled blobs go to {@link LoadOptions#compiledDir()} (OpenVINO's {@code CACHE_DIR}),
 * so the next load of the same version skips compilation. Models run in the precision they were
 * evaluated in ({@code EXECUTION_MODE_HINT=ACCURACY}), not in the bf16/f16 OpenVINO picks by default on
 * CPUs with bf16 units and on GPUs.
 *
 * <p>A model whose inputs all have a fixed first dimension is reshaped to a dynamic batch, so batched
 * requests (and the dynamic batcher) can send any number of rows; when OpenVINO cannot reshape or
 * compile it that way, it is compiled with its own shapes.
 */
public final class OpenVinoBackend implements Backend {
    private final OpenVinoRuntime runtime;
    private final Pointer core;

    private OpenVinoBackend(OpenVinoRuntime runtime, Pointer core) {
        this.runtime = runtime;
        this.core = core;
    }

    /**
     * Loads OpenVINO and creates its core.
     *
     * @param libDir the directory holding {@code libopenvino_c.so}, or empty for {@code $OPENVINO_LIB_DIR},
     *     then the system library path
     * @return the backend
     * @throws UserError when the library cannot be found or loaded
     */
    public static OpenVinoBackend create(Optional<Path> libDir) {
        OpenVinoRuntime runtime = OpenVinoRuntime.load(libDir);
        PointerByReference core = new PointerByReference();
        runtime.check(runtime.api.ov_core_create(core), "create its core");
        return new OpenVinoBackend(runtime, core.getValue());
    }

    @Override
    public String name() {
        return "openvino";
    }

    /**
     * The devices this OpenVINO core can compile for, as the hardware probe reports them.
     *
     * @return e.g. {@code CPU}, {@code GPU.0}, {@code NPU}
     * @throws UserError when OpenVINO cannot list them
     */
    public List<String> availableDevices() {
        OpenVinoC.AvailableDevices devices = new OpenVinoC.AvailableDevices();
        runtime.check(runtime.api.ov_core_get_available_devices(core, devices), "list its devices");
        try {
            return devices.size == 0 ? List.of() : List.of(devices.devices.getStringArray(0, (int) devices.size));
        } finally {
            runtime.api.ov_available_devices_free(devices);
        }
    }

    /**
     * The OpenVINO build in use.
     *
     * @return its build number, e.g. {@code 2026.4.1-...}
     */
    public String runtimeVersion() {
        return runtime.version();
    }

    @Override
    public LoadedModel load(Path model, LoadOptions options) {
        if (!Files.isRegularFile(model)) {
            throw new UserError("model file " + model + " does not exist");
        }
        String file = model.toAbsolutePath().toString();
        String device = options.device().strip().toUpperCase(Locale.ROOT);
        if (device.isEmpty()) {
            throw new UserError("no OpenVINO device given for " + file + "; use CPU, GPU or AUTO");
        }
        try {
            Files.createDirectories(options.compiledDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the model cache directory " + options.compiledDir(), e);
        }
        Pointer ovModel = read(file);
        try {
            boolean reshaped = makeBatchDynamic(ovModel, file);
            Pointer compiled;
            try {
                compiled = compile(ovModel, file, device, options);
            } catch (UserError e) {
                if (!reshaped) {
                    throw e;
                }
                // the dynamic batch is a convenience: a model that only compiles with its own shapes still serves
                runtime.api.ov_model_free(ovModel);
                ovModel = read(file);
                compiled = compile(ovModel, file, device, options);
            }
            return OpenVinoModel.create(runtime, compiled, options.sessions(), file);
        } finally {
            runtime.api.ov_model_free(ovModel);
        }
    }

    private Pointer read(String file) {
        PointerByReference ovModel = new PointerByReference();
        runtime.check(runtime.api.ov_core_read_model(core, file, null, ovModel), "read model " + file);
        return ovModel.getValue();
    }

    private Pointer compile(Pointer ovModel, String file, String device, LoadOptions options) {
        PointerByReference compiled = new PointerByReference();
        runtime.check(
                runtime.api.ov_core_compile_model(
                        core,
                        ovModel,
                        device,
                        6,
                        compiled,
                        "CACHE_DIR",
                        options.compiledDir().toAbsolutePath().toString(),
                        "PERFORMANCE_HINT",
                        options.sessions() > 1 ? "THROUGHPUT" : "LATENCY",
                        // the precision the model was evaluated in: without it a CPU with bf16/AMX units
                        // (and every GPU, in f16) silently computes in lower precision
                        "EXECUTION_MODE_HINT",
                        "ACCURACY"),
                "compile model " + file + " for device " + device);
        return compiled.getValue();
    }

    /** Reshapes the first dimension of every input to dynamic; false when not applicable or refused. */
    private boolean makeBatchDynamic(Pointer ovModel, String file) {
        LongByReference count = new LongByReference();
        runtime.check(runtime.api.ov_model_inputs_size(ovModel, count), "count the inputs of " + file);
        List<long[]> shapes = new ArrayList<>();
        for (long i = 0; i < count.getValue(); i++) {
            PointerByReference port = new PointerByReference();
            runtime.check(
                    runtime.api.ov_model_const_input_by_index(ovModel, i, port), "read input " + i + " of " + file);
            try {
                long[] shape = Ports.shape(runtime, port.getValue(), "input " + i, file);
                // rank 2 and more only: the first dimension of a vector is rarely a batch
                if (shape.length < 2 || shape[0] < 0) {
                    return false;
                }
                shapes.add(shape);
            } catch (UserError e) {
                return false;
            } finally {
                runtime.api.ov_output_const_port_free(port.getValue());
            }
        }
        if (shapes.isEmpty()) {
            return false;
        }
        Memory indexes = new Memory((long) shapes.size() * Native.SIZE_T_SIZE);
        Memory partialShapes = new Memory((long) shapes.size() * Ports.PARTIAL_SHAPE_BYTES);
        List<Memory> dims = new ArrayList<>();
        for (int i = 0; i < shapes.size(); i++) {
            long[] shape = shapes.get(i);
            Memory dimensions = new Memory((long) shape.length * Ports.DIMENSION_BYTES);
            for (int d = 0; d < shape.length; d++) {
                long size = d == 0 ? -1 : shape[d];
                dimensions.setLong((long) d * Ports.DIMENSION_BYTES, size);
                dimensions.setLong((long) d * Ports.DIMENSION_BYTES + 8, size);
            }
            dims.add(dimensions);
            indexes.setLong((long) i * Native.SIZE_T_SIZE, i);
            long base = (long) i * Ports.PARTIAL_SHAPE_BYTES;
            partialShapes.setLong(base, shape.length);
            partialShapes.setLong(base + 8, shape.length);
            partialShapes.setPointer(base + 16, dimensions);
        }
        int status = runtime.api.ov_model_reshape_by_port_indexes(ovModel, indexes, partialShapes, shapes.size());
        // the native structs point into these blocks: they must outlive the call
        Reference.reachabilityFence(dims);
        return status == 0;
    }

    @Override
    public void close() {
        runtime.api.ov_core_free(core);
    }
}
