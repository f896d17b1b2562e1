package io.mlops.agent.backend.tensorrt;

import static org.bytedeco.cuda.global.cudart.cudaFree;
import static org.bytedeco.cuda.global.cudart.cudaMalloc;
import static org.bytedeco.cuda.global.cudart.cudaMemcpy;
import static org.bytedeco.cuda.global.cudart.cudaMemcpyDeviceToHost;
import static org.bytedeco.cuda.global.cudart.cudaMemcpyHostToDevice;
import static org.bytedeco.cuda.global.cudart.cudaSetDevice;
import static org.bytedeco.cuda.global.cudart.cudaStreamCreate;
import static org.bytedeco.cuda.global.cudart.cudaStreamDestroy;
import static org.bytedeco.cuda.global.cudart.cudaStreamSynchronize;

import io.mlops.agent.backend.LoadedModel;
import io.mlops.error.UserError;
import io.mlops.protocol.v2.Tensor;
import io.mlops.protocol.v2.TensorSpec;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.tensorrt.global.nvinfer.TensorIOMode;
import org.bytedeco.tensorrt.nvinfer.Dims64;
import org.bytedeco.tensorrt.nvinfer.ICudaEngine;
import org.bytedeco.tensorrt.nvinfer.IExecutionContext;

/**
 * A deserialized TensorRT engine with one execution context and CUDA stream per session. A call
 * sets the input shapes, copies the inputs into device buffers, binds every IO tensor by name
 * ({@code setTensorAddress}), runs {@code enqueueV3} on the session's stream and copies the outputs back.
 */
final class TensorRtModel implements LoadedModel {
    /** One execution context with its own stream: contexts of one engine may run at the same time. */
    private record Session(IExecutionContext context, CUstream_st stream) {}

    private final ICudaEngine engine;
    private final GpuDevice gpu;
    private final TrtLogger logger;
    private final String file;
    private final List<TensorSpec> inputs;
    private final List<TensorSpec> outputs;
    private final BlockingQueue<Session> sessions;
    private final int sessionCount;
    private volatile boolean closed;

    private TensorRtModel(
            ICudaEngine engine,
            GpuDevice gpu,
            TrtLogger logger,
            String file,
            List<TensorSpec> inputs,
            List<TensorSpec> outputs,
            BlockingQueue<Session> sessions,
            int sessionCount) {
        this.engine = engine;
        this.gpu = gpu;
        this.logger = logger;
        this.file = file;
        this.inputs = inputs;
        this.outputs = outputs;
        this.sessions = sessions;
        this.sessionCount = sessionCount;
    }

    /**
     * Describes an engine's IO tensors and creates its sessions.
     *
     * @param engine the engine; owned by the model from now on
     * @param gpu the GPU it runs on
     * @param count how many execution contexts to create
     * @param logger TensorRT's logger, for error messages
     * @param file the model file, for error messages
     * @return the model
     */
    static TensorRtModel create(ICudaEngine engine, GpuDevice gpu, int count, TrtLogger logger, String file) {
        List<TensorSpec> inputs = new ArrayList<>();
        List<TensorSpec> outputs = new ArrayList<>();
        for (int i = 0; i < engine.getNbIOTensors(); i++) {
            String name = engine.getIOTensorName(i);
            TensorSpec spec = new TensorSpec(
                    name, TensorRtTypes.of(engine.getTensorDataType(name), name), dims(engine.getTensorShape(name)));
            (engine.getTensorIOMode(name) == TensorIOMode.kINPUT ? inputs : outputs).add(spec);
        }
        BlockingQueue<Session> sessions = new ArrayBlockingQueue<>(count);
        for (int i = 0; i < count; i++) {
            IExecutionContext context = engine.createExecutionContext();
            if (context == null || context.isNull()) {
                throw new UserError("TensorRT cannot create an execution context for " + file + ": " + logger.drain());
            }
            CUstream_st stream = new CUstream_st();
            Cuda.check(cudaStreamCreate(stream), "create a stream for " + file);
            sessions.add(new Session(context, stream));
        }
        return new TensorRtModel(engine, gpu, logger, file, List.copyOf(inputs), List.copyOf(outputs), sessions, count);
    }

    private static long[] dims(Dims64 dims) {
        long[] shape = new long[dims.nbDims()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = dims.d(i);
        }
        return shape;
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
        Session session = acquire();
        List<Pointer> buffers = new ArrayList<>();
        try {
            // the CUDA device is per thread: request threads come from the server's pool
            Cuda.check(cudaSetDevice(gpu.index()), "select GPU " + gpu.index());
            IExecutionContext context = session.context();
            for (Tensor tensor : given) {
                TensorSpec spec = inputSpec(tensor.name());
                if (spec.datatype() != tensor.datatype()) {
                    throw new UserError("input '" + tensor.name() + "' of " + file + " is " + spec.datatype() + ", not "
                            + tensor.datatype());
                }
                if (!context.setInputShape(tensor.name(), toDims(tensor.shape()))) {
                    throw new UserError("TensorRT refuses shape " + Arrays.toString(tensor.shape()) + " for input '"
                            + tensor.name() + "' of " + file + ": " + logger.drain());
                }
                ByteBuffer data = tensor.data();
                byte[] bytes = new byte[data.remaining()];
                data.get(bytes);
                Pointer device = deviceBuffer(bytes.length, buffers);
                Cuda.check(
                        cudaMemcpy(device, new BytePointer(bytes), bytes.length, cudaMemcpyHostToDevice),
                        "copy input '" + tensor.name() + "' to the GPU");
                context.setTensorAddress(tensor.name(), device);
            }
            List<long[]> shapes = new ArrayList<>();
            List<Pointer> outputBuffers = new ArrayList<>();
            for (TensorSpec spec : outputs) {
                long[] shape = dims(context.getTensorShape(spec.name()));
                long bytes = Tensor.elementCount(spec.name(), shape)
                        * spec.datatype().elementSize();
                Pointer device = deviceBuffer(bytes, buffers);
                context.setTensorAddress(spec.name(), device);
                shapes.add(shape);
                outputBuffers.add(device);
            }
            if (!context.enqueueV3(session.stream())) {
                throw new UserError("TensorRT cannot run " + file + ": " + logger.drain());
            }
            Cuda.check(cudaStreamSynchronize(session.stream()), "finish running " + file);
            List<Tensor> results = new ArrayList<>();
            for (int i = 0; i < outputs.size(); i++) {
                TensorSpec spec = outputs.get(i);
                if (wanted.isEmpty() || wanted.contains(spec.name())) {
                    results.add(copyBack(spec, shapes.get(i), outputBuffers.get(i)));
                }
            }
            return results;
        } finally {
            buffers.forEach(buffer -> cudaFree(buffer));
            sessions.add(session);
        }
    }

    private Tensor copyBack(TensorSpec spec, long[] shape, Pointer device) {
        int bytes = Math.toIntExact(
                Tensor.elementCount(spec.name(), shape) * spec.datatype().elementSize());
        byte[] host = new byte[bytes];
        if (bytes > 0) {
            BytePointer staging = new BytePointer(bytes);
            try {
                Cuda.check(
                        cudaMemcpy(staging, device, bytes, cudaMemcpyDeviceToHost),
                        "copy output '" + spec.name() + "' from the GPU");
                staging.get(host);
            } finally {
                staging.close();
            }
        }
        return Tensor.of(spec.name(), spec.datatype(), shape, ByteBuffer.wrap(host));
    }

    private static Pointer deviceBuffer(long bytes, List<Pointer> buffers) {
        PointerPointer<Pointer> holder = new PointerPointer<>(1L);
        // CUDA refuses zero-byte allocations on some drivers; an empty tensor gets one unused byte
        Cuda.check(cudaMalloc(holder, Math.max(1, bytes)), "allocate " + bytes + " bytes on the GPU");
        Pointer device = holder.get(0);
        buffers.add(device);
        return device;
    }

    private TensorSpec inputSpec(String name) {
        return inputs.stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new UserError("model " + file + " has no input '" + name + "'"));
    }

    private static Dims64 toDims(long[] shape) {
        Dims64 dims = new Dims64();
        dims.nbDims(shape.length);
        for (int i = 0; i < shape.length; i++) {
            dims.d(i, shape[i]);
        }
        return dims;
    }

    private Session acquire() {
        if (closed) {
            throw new IllegalStateException("model " + file + " is closed");
        }
        try {
            return sessions.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for a TensorRT context of " + file, e);
        }
    }

    @Override
    public void close() {
        closed = true;
        // taking every session back waits for the inferences still running on them
        for (int i = 0; i < sessionCount; i++) {
            try {
                Session session = sessions.take();
                cudaStreamDestroy(session.stream());
                session.context().close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        engine.close();
    }
}
