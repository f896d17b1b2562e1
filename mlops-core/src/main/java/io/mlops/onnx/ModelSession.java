package io.mlops.onnx;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.mlops.error.UserError;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ONNX model loaded in ONNX Runtime, checked first: the file must be ONNX and its opsets
 * supported. Inputs go in through direct buffers, which ONNX Runtime reads without a copy.
 *
 * <p>A session is safe to run from several threads; close it when done.
 */
public final class ModelSession implements AutoCloseable {
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final OnnxModelFile file;

    private ModelSession(OrtEnvironment environment, OrtSession session, OnnxModelFile file) {
        this.environment = environment;
        this.session = session;
        this.file = file;
    }

    /**
     * Loads a model.
     *
     * @param model the .onnx file
     * @param settings device, threads, optimization
     * @return the open session
     * @throws UserError when the file is not ONNX, its opset is unsupported, the device is missing
     *     or ONNX Runtime rejects the model
     */
    public static ModelSession open(Path model, SessionSettings settings) {
        OnnxModelFile file = OnnxModelFile.read(model);
        RuntimeSupport.check(file);
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = options(environment, settings, null)) {
            return new ModelSession(environment, environment.createSession(model.toString(), options), file);
        } catch (OrtException e) {
            throw new UserError("ONNX Runtime cannot load " + model + ": " + e.getMessage(), e);
        }
    }

    /**
     * Session options for the settings; also used to write an optimized model.
     *
     * @param environment the ONNX Runtime environment
     * @param settings device, threads, optimization
     * @param optimizedOutput where ONNX Runtime saves the optimized graph, or null
     * @return options the caller closes
     * @throws OrtException when ONNX Runtime rejects an option
     */
    static OrtSession.SessionOptions options(OrtEnvironment environment, SessionSettings settings, Path optimizedOutput)
            throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        // ONNX Runtime's warnings (shape hints, NCHWc notes) are noise on a build log; errors still throw.
        options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
        options.setOptimizationLevel(settings.optimization().level());
        if (settings.threads() > 0) {
            options.setIntraOpNumThreads(settings.threads());
        }
        // Idle ONNX Runtime threads spin by default, taking the cores the data readers need between runs.
        options.addConfigEntry("session.intra_op.allow_spinning", "0");
        if (optimizedOutput != null) {
            options.setOptimizedModelFilePath(optimizedOutput.toString());
        }
        switch (settings.device()) {
            case CPU -> {}
            case CUDA -> {
                requireProvider(OrtProvider.CUDA, settings.device());
                options.addCUDA(0);
            }
            case TENSORRT -> {
                requireProvider(OrtProvider.TENSOR_RT, settings.device());
                options.addTensorrt(0);
                options.addCUDA(0);
            }
        }
        return options;
    }

    private static void requireProvider(OrtProvider provider, Device device) {
        if (!OrtEnvironment.getAvailableProviders().contains(provider)) {
            throw new UserError("device " + device.name().toLowerCase(java.util.Locale.ROOT)
                    + " is not available: this ONNX Runtime build has only " + OrtEnvironment.getAvailableProviders()
                    + " (a GPU machine needs the com.microsoft.onnxruntime:onnxruntime_gpu jar and the NVIDIA"
                    + " libraries)");
        }
    }

    /**
     * The parsed model file.
     *
     * @return the file
     */
    public OnnxModelFile file() {
        return file;
    }

    /**
     * The inputs to feed, as the graph declares them.
     *
     * @return the inputs
     */
    public List<TensorSpec> inputs() {
        return file.inputs();
    }

    /**
     * The outputs, in graph order.
     *
     * @return the outputs
     */
    public List<TensorSpec> outputs() {
        return file.outputs();
    }

    /**
     * Runs the model on arrays, checking each against its declared input first.
     *
     * @param feeds one array per input name
     * @return one array per output, in graph order
     * @throws UserError when an input is missing or does not match its declaration
     */
    public Map<String, NdArray> run(Map<String, NdArray> feeds) {
        Map<String, OnnxTensor> tensors = new LinkedHashMap<>();
        try {
            for (TensorSpec input : inputs()) {
                NdArray array = feeds.get(input.name());
                if (array == null) {
                    throw new UserError("no data for input '" + input.name() + "' of " + file.path() + " (the data has "
                            + feeds.keySet() + ")");
                }
                InputCheck.check(file.path().toString(), input, array.type(), array.shape());
                tensors.put(input.name(), tensor(array));
            }
            return runTensors(tensors);
        } finally {
            tensors.values().forEach(OnnxTensor::close);
        }
    }

    /**
     * Runs the model on tensors the caller made (and closes).
     *
     * @param tensors one tensor per input name
     * @return one array per output, in graph order
     * @throws UserError when ONNX Runtime fails on the data
     */
    public Map<String, NdArray> runTensors(Map<String, OnnxTensor> tensors) {
        try (OrtSession.Result result = session.run(tensors)) {
            Map<String, NdArray> outputs = new LinkedHashMap<>();
            for (Map.Entry<String, OnnxValue> entry : result) {
                outputs.put(entry.getKey(), toArray(entry.getKey(), entry.getValue()));
            }
            return outputs;
        } catch (OrtException e) {
            throw new UserError("ONNX Runtime failed running " + file.path() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Wraps a direct buffer as a tensor without copying it.
     *
     * @param type the element type
     * @param shape the dimensions
     * @param data a direct buffer in native order, positioned at the first element
     * @return the tensor, to close after the run
     */
    public OnnxTensor tensor(ElementType type, long[] shape, ByteBuffer data) {
        try {
            return switch (type) {
                case FLOAT32 -> OnnxTensor.createTensor(environment, data.asFloatBuffer(), shape);
                case FLOAT64 -> OnnxTensor.createTensor(environment, data.asDoubleBuffer(), shape);
                case INT64 -> OnnxTensor.createTensor(environment, data.asLongBuffer(), shape);
                case INT32 -> OnnxTensor.createTensor(environment, data.asIntBuffer(), shape);
                case INT16 -> OnnxTensor.createTensor(environment, data.asShortBuffer(), shape);
                case FLOAT16 -> OnnxTensor.createTensor(environment, data.asShortBuffer(), shape, OnnxJavaType.FLOAT16);
                case UINT8 -> OnnxTensor.createTensor(environment, data, shape, OnnxJavaType.UINT8);
                case INT8 -> OnnxTensor.createTensor(environment, data, shape, OnnxJavaType.INT8);
                case BOOL -> OnnxTensor.createTensor(environment, data, shape, OnnxJavaType.BOOL);
                case STRING -> throw new IllegalArgumentException("strings are no buffer");
            };
        } catch (OrtException e) {
            throw new UserError("cannot create a " + type.label() + " tensor: " + e.getMessage(), e);
        }
    }

    private OnnxTensor tensor(NdArray array) {
        try {
            if (array.type() == ElementType.STRING) {
                return OnnxTensor.createTensor(environment, array.strings(), array.shape());
            }
            ByteBuffer data = ByteBuffer.allocateDirect(
                            array.size() * array.type().bytes())
                    .order(ByteOrder.nativeOrder());
            for (double value : array.numbers()) {
                switch (array.type()) {
                    case FLOAT32 -> data.putFloat((float) value);
                    case FLOAT64 -> data.putDouble(value);
                    case INT64 -> data.putLong((long) value);
                    case INT32 -> data.putInt((int) value);
                    case INT16 -> data.putShort((short) value);
                    case FLOAT16 -> data.putShort(Float.floatToFloat16((float) value));
                    case UINT8, INT8, BOOL -> data.put((byte) value);
                    case STRING -> throw new IllegalStateException("strings are handled above");
                }
            }
            data.flip();
            return tensor(array.type(), array.shape(), data);
        } catch (OrtException e) {
            throw new UserError("cannot create a tensor: " + e.getMessage(), e);
        }
    }

    private NdArray toArray(String name, OnnxValue value) throws OrtException {
        if (!(value instanceof OnnxTensor tensor)) {
            throw new UserError("output '" + name + "' of " + file.path() + " is a " + value.getType()
                    + ", not a tensor; convert the model so that it outputs tensors (skl2onnx: zipmap=False)");
        }
        TensorInfo info = tensor.getInfo();
        long[] shape = info.getShape();
        int n = (int) NdArray.count(shape);
        double[] values = new double[n];
        ElementType type;
        switch (info.type) {
            case FLOAT -> {
                type = ElementType.FLOAT32;
                var b = tensor.getFloatBuffer();
                for (int i = 0; i < n; i++) values[i] = b.get(i);
            }
            case DOUBLE -> {
                type = ElementType.FLOAT64;
                tensor.getDoubleBuffer().get(values);
            }
            case INT64 -> {
                type = ElementType.INT64;
                var b = tensor.getLongBuffer();
                for (int i = 0; i < n; i++) values[i] = b.get(i);
            }
            case INT32 -> {
                type = ElementType.INT32;
                var b = tensor.getIntBuffer();
                for (int i = 0; i < n; i++) values[i] = b.get(i);
            }
            case INT16 -> {
                type = ElementType.INT16;
                var b = tensor.getShortBuffer();
                for (int i = 0; i < n; i++) values[i] = b.get(i);
            }
            case INT8, UINT8, BOOL -> {
                type = info.type == OnnxJavaType.INT8
                        ? ElementType.INT8
                        : info.type == OnnxJavaType.UINT8 ? ElementType.UINT8 : ElementType.BOOL;
                var b = tensor.getByteBuffer();
                for (int i = 0; i < n; i++) values[i] = type == ElementType.INT8 ? b.get(i) : b.get(i) & 0xff;
            }
            case FLOAT16 -> {
                type = ElementType.FLOAT16;
                var b = tensor.getShortBuffer();
                for (int i = 0; i < n; i++) values[i] = Float.float16ToFloat(b.get(i));
            }
            case STRING -> {
                String[] strings = new String[n];
                Object raw = tensor.getValue();
                List<String> flat = new ArrayList<>();
                flatten(raw, flat);
                flat.toArray(strings);
                return new NdArray(ElementType.STRING, shape, null, strings);
            }
            default ->
                throw new UserError("output '" + name + "' of " + file.path() + " has element type " + info.type
                        + ", which the suite does not read");
        }
        return NdArray.of(type, shape, values);
    }

    private static void flatten(Object value, List<String> into) {
        if (value instanceof String s) {
            into.add(s);
        } else if (value instanceof Object[] array) {
            for (Object item : array) {
                flatten(item, into);
            }
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("closing the ONNX Runtime session failed: " + e.getMessage(), e);
        }
    }
}
