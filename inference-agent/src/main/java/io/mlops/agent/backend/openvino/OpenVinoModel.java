package io.mlops.agent.backend.openvino;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import io.mlops.agent.backend.LoadedModel;
import io.mlops.error.UserError;
import io.mlops.protocol.v2.DataType;
import io.mlops.protocol.v2.Tensor;
import io.mlops.protocol.v2.TensorSpec;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A model compiled by OpenVINO with a pool of infer requests, one per session: a call takes a
 * request, runs on it, and gives it back, so at most {@code sessions} inferences run at once.
 */
final class OpenVinoModel implements LoadedModel {
    private final OpenVinoRuntime runtime;
    private final Pointer compiled;
    private final String file;
    private final List<TensorSpec> inputs;
    private final List<TensorSpec> outputs;
    private final BlockingQueue<Pointer> requests;
    private final int sessions;
    private volatile boolean closed;

    private OpenVinoModel(
            OpenVinoRuntime runtime,
            Pointer compiled,
            String file,
            List<TensorSpec> inputs,
            List<TensorSpec> outputs,
            BlockingQueue<Pointer> requests,
            int sessions) {
        this.runtime = runtime;
        this.compiled = compiled;
        this.file = file;
        this.inputs = inputs;
        this.outputs = outputs;
        this.requests = requests;
        this.sessions = sessions;
    }

    /**
     * Describes a compiled model and creates its infer requests.
     *
     * @param runtime the library
     * @param compiled the {@code ov_compiled_model_t*}; owned by the model from now on
     * @param sessions how many infer requests to pool
     * @param file the model file, for messages
     * @return the model
     * @throws UserError when an input or output has a type the backend does not serve
     */
    static OpenVinoModel create(OpenVinoRuntime runtime, Pointer compiled, int sessions, String file) {
        BlockingQueue<Pointer> requests = new ArrayBlockingQueue<>(sessions);
        try {
            List<TensorSpec> inputs = specs(
                    runtime,
                    compiled,
                    runtime.api::ov_compiled_model_inputs_size,
                    runtime.api::ov_compiled_model_input_by_index,
                    "input",
                    file);
            List<TensorSpec> outputs = specs(
                    runtime,
                    compiled,
                    runtime.api::ov_compiled_model_outputs_size,
                    runtime.api::ov_compiled_model_output_by_index,
                    "output",
                    file);
            for (int i = 0; i < sessions; i++) {
                PointerByReference request = new PointerByReference();
                runtime.check(
                        runtime.api.ov_compiled_model_create_infer_request(compiled, request),
                        "create an infer request for " + file);
                requests.add(request.getValue());
            }
            return new OpenVinoModel(runtime, compiled, file, inputs, outputs, requests, sessions);
        } catch (RuntimeException e) {
            requests.forEach(runtime.api::ov_infer_request_free);
            runtime.api.ov_compiled_model_free(compiled);
            throw e;
        }
    }

    /** The C calls that count and fetch ports differ only by name between inputs and outputs. */
    private interface PortCount {
        int count(Pointer compiled, LongByReference size);
    }

    private interface PortAt {
        int at(Pointer compiled, long index, PointerByReference port);
    }

    private static List<TensorSpec> specs(
            OpenVinoRuntime runtime, Pointer compiled, PortCount count, PortAt at, String kind, String file) {
        LongByReference size = new LongByReference();
        runtime.check(count.count(compiled, size), "count the " + kind + "s of " + file);
        List<TensorSpec> specs = new ArrayList<>();
        for (long i = 0; i < size.getValue(); i++) {
            PointerByReference port = new PointerByReference();
            runtime.check(at.at(compiled, i, port), "read " + kind + " " + i + " of " + file);
            try {
                specs.add(Ports.spec(runtime, port.getValue(), i, kind, file));
            } finally {
                runtime.api.ov_output_const_port_free(port.getValue());
            }
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
        Pointer request = acquire();
        List<Pointer> tensors = new ArrayList<>();
        // host buffers the input tensors point into; they must stay reachable until the inference ends
        List<Memory> hostData = new ArrayList<>();
        try {
            for (Tensor tensor : given) {
                int index = inputIndex(tensor.name());
                Pointer ovTensor = hostTensor(tensor, hostData);
                tensors.add(ovTensor);
                runtime.check(
                        runtime.api.ov_infer_request_set_input_tensor_by_index(request, index, ovTensor),
                        "set input '" + tensor.name() + "' of " + file);
            }
            runtime.check(runtime.api.ov_infer_request_infer(request), "run " + file);
            List<Tensor> results = new ArrayList<>();
            for (int i = 0; i < outputs.size(); i++) {
                String name = outputs.get(i).name();
                if (wanted.isEmpty() || wanted.contains(name)) {
                    results.add(output(request, i, name));
                }
            }
            return results;
        } finally {
            tensors.forEach(runtime.api::ov_tensor_free);
            Reference.reachabilityFence(hostData);
            requests.add(request);
        }
    }

    private Pointer acquire() {
        if (closed) {
            throw new IllegalStateException("model " + file + " is closed");
        }
        try {
            return requests.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for an infer request of " + file, e);
        }
    }

    private int inputIndex(String name) {
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new UserError("model " + file + " has no input '" + name + "'");
    }

    private Pointer hostTensor(Tensor tensor, List<Memory> hostData) {
        if (tensor.datatype() == DataType.BYTES) {
            throw new UserError("input '" + tensor.name() + "': the openvino backend does not take BYTES tensors");
        }
        ByteBuffer data = tensor.data();
        // JNA refuses zero-sized blocks; an empty tensor gets one unused byte
        Memory host = new Memory(Math.max(1, data.remaining()));
        host.getByteBuffer(0, data.remaining()).put(data);
        hostData.add(host);
        long[] shape = tensor.shape();
        Memory dims = new Memory(Math.max(1, shape.length) * 8L);
        for (int i = 0; i < shape.length; i++) {
            dims.setLong(i * 8L, shape[i]);
        }
        hostData.add(dims);
        OpenVinoC.Shape.ByValue ovShape = new OpenVinoC.Shape.ByValue();
        ovShape.rank = shape.length;
        ovShape.dims = dims;
        PointerByReference ovTensor = new PointerByReference();
        runtime.check(
                runtime.api.ov_tensor_create_from_host_ptr(
                        runtime.types.code(tensor.datatype()), ovShape, host, ovTensor),
                "wrap input '" + tensor.name() + "' " + tensor.datatype() + Arrays.toString(shape));
        return ovTensor.getValue();
    }

    private Tensor output(Pointer request, int index, String name) {
        PointerByReference ref = new PointerByReference();
        runtime.check(
                runtime.api.ov_infer_request_get_output_tensor_by_index(request, index, ref),
                "read output '" + name + "' of " + file);
        Pointer ovTensor = ref.getValue();
        try {
            IntByReference type = new IntByReference();
            runtime.check(
                    runtime.api.ov_tensor_get_element_type(ovTensor, type), "read the type of output '" + name + "'");
            DataType datatype = runtime.types
                    .dataType(type.getValue())
                    .orElseThrow(() -> new UserError("output '" + name + "' of " + file + " has element type "
                            + runtime.types.name(type.getValue()) + ", which the openvino backend does not serve"));
            long[] shape = outputs.get(index).shape().length == 0 ? new long[0] : shape(ovTensor, name);
            LongByReference size = new LongByReference();
            runtime.check(runtime.api.ov_tensor_get_byte_size(ovTensor, size), "size output '" + name + "'");
            ByteBuffer bytes =
                    ByteBuffer.allocate(Math.toIntExact(size.getValue())).order(ByteOrder.LITTLE_ENDIAN);
            if (size.getValue() > 0) {
                PointerByReference data = new PointerByReference();
                runtime.check(runtime.api.ov_tensor_data(ovTensor, data), "read output '" + name + "'");
                bytes.put(data.getValue().getByteBuffer(0, size.getValue()));
                bytes.flip();
            }
            return Tensor.of(name, datatype, shape, bytes);
        } finally {
            runtime.api.ov_tensor_free(ovTensor);
        }
    }

    /** Only for rank 1 and up: the C API refuses to describe a scalar's shape (rank 0). */
    private long[] shape(Pointer ovTensor, String name) {
        OpenVinoC.Shape ovShape = new OpenVinoC.Shape();
        runtime.check(runtime.api.ov_tensor_get_shape(ovTensor, ovShape), "read the shape of output '" + name + "'");
        try {
            return ovShape.dims.getLongArray(0, (int) ovShape.rank);
        } finally {
            runtime.api.ov_shape_free(ovShape);
        }
    }

    @Override
    public void close() {
        closed = true;
        // taking every request back waits for the inferences still running on them
        for (int i = 0; i < sessions; i++) {
            try {
                runtime.api.ov_infer_request_free(requests.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        runtime.api.ov_compiled_model_free(compiled);
    }
}
