package io.mlops.agent.backend.onnxruntime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.TensorInfo;
import io.mlops.protocol.v2.DataType;
import io.mlops.protocol.v2.Tensor;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns {@link Tensor}s into ONNX Runtime tensors and back. Numeric data crosses as one bulk copy of
 * the V2 bytes (none when the request's buffer is already direct); only BYTES, which ONNX Runtime's
 * Java API holds as Java strings, is converted element by element.
 */
final class OrtTensorCodec {
    private OrtTensorCodec() {}

    /**
     * Creates the ONNX Runtime tensor of an input.
     *
     * @param environment the environment that owns the tensor
     * @param tensor the V2 tensor
     * @param type the V2 datatype the model declares
     * @return a tensor the caller closes
     * @throws OrtException when ONNX Runtime refuses it
     */
    static OnnxTensor toOrt(OrtEnvironment environment, Tensor tensor, DataType type) throws OrtException {
        if (type == DataType.BYTES) {
            return OnnxTensor.createTensor(environment, strings(tensor), tensor.shape());
        }
        // ONNX Runtime reads host order, and the backend only runs on little-endian hosts (see
        // OnnxRuntimeBackend), so the V2 bytes go in as they are. A direct buffer is used in place;
        // any other is copied once, in bulk, into a direct one (ONNX Runtime's own copy of a heap
        // ByteBuffer fails for non-byte element types).
        ByteBuffer data = tensor.data();
        if (!data.isDirect()) {
            ByteBuffer direct = ByteBuffer.allocateDirect(data.remaining()).order(ByteOrder.nativeOrder());
            data = direct.put(data).flip();
        }
        return OnnxTensor.createTensor(environment, data, tensor.shape(), OrtTypes.inputType(type, tensor.name()));
    }

    /**
     * Reads an output back into the V2 layout.
     *
     * @param name the output's name
     * @param value ONNX Runtime's tensor
     * @return the V2 tensor
     * @throws OrtException when ONNX Runtime cannot read it
     */
    static Tensor fromOrt(String name, OnnxTensor value) throws OrtException {
        TensorInfo info = value.getInfo();
        DataType type = OrtTypes.dataType(info.onnxType, name);
        if (type == DataType.BYTES) {
            return Tensor.of(name, type, info.getShape(), bytesLayout(value.getValue()));
        }
        return Tensor.of(name, type, info.getShape(), value.getByteBuffer());
    }

    private static String[] strings(Tensor tensor) {
        ByteBuffer data = tensor.data();
        int count = Math.toIntExact(Tensor.elementCount(tensor.name(), tensor.shape()));
        String[] strings = new String[count];
        for (int i = 0; i < count; i++) {
            byte[] element = new byte[data.getInt()];
            data.get(element);
            strings[i] = new String(element, StandardCharsets.UTF_8);
        }
        return strings;
    }

    private static ByteBuffer bytesLayout(Object value) {
        List<byte[]> elements = new ArrayList<>();
        flatten(value, elements);
        int size = 0;
        for (byte[] element : elements) {
            size += 4 + element.length;
        }
        ByteBuffer data = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        for (byte[] element : elements) {
            data.putInt(element.length).put(element);
        }
        return data.flip();
    }

    private static void flatten(Object value, List<byte[]> into) {
        if (value instanceof String string) {
            into.add(string.getBytes(StandardCharsets.UTF_8));
        } else if (value != null && value.getClass().isArray()) {
            for (int i = 0, n = Array.getLength(value); i < n; i++) {
                flatten(Array.get(value, i), into);
            }
        }
    }
}
