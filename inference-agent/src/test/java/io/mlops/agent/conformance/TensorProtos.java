package io.mlops.agent.conformance;

import io.mlops.onnx.proto.OnnxProto.TensorProto;
import io.mlops.protocol.v2.DataType;
import io.mlops.protocol.v2.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads ONNX TensorProto files into V2 tensors (the V2 binary layout is ONNX's raw_data layout). */
final class TensorProtos {
    private TensorProtos() {}

    /** A TensorProto the V2 protocol has no datatype for (complex, float8, int4, ...). */
    static final class NoV2Datatype extends Exception {
        private static final long serialVersionUID = 1L;

        NoV2Datatype(String message) {
            super(message);
        }
    }

    /**
     * Reads one tensor file.
     *
     * @param file the {@code .pb} file
     * @param name the name to give the tensor
     * @return the tensor
     * @throws NoV2Datatype when its element type has no V2 datatype
     */
    static Tensor read(Path file, String name) throws NoV2Datatype {
        TensorProto proto;
        try (InputStream in = Files.newInputStream(file)) {
            proto = TensorProto.parseFrom(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        DataType type = datatype(proto.getDataType());
        long[] shape = proto.getDimsList().stream().mapToLong(Long::longValue).toArray();
        int elements = Math.toIntExact(Tensor.elementCount(name, shape));
        ByteBuffer data;
        if (proto.hasRawData()) {
            data = proto.getRawData().asReadOnlyByteBuffer();
        } else {
            data = typed(proto, type, elements);
        }
        return Tensor.of(name, type, shape, data);
    }

    private static ByteBuffer typed(TensorProto proto, DataType type, int elements) {
        if (type == DataType.BYTES) {
            int size = 0;
            for (var s : proto.getStringDataList()) {
                size += 4 + s.size();
            }
            ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
            proto.getStringDataList().forEach(s -> {
                out.putInt(s.size());
                s.copyTo(out);
            });
            return out.flip();
        }
        ByteBuffer out = ByteBuffer.allocate(elements * type.elementSize()).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < elements; i++) {
            switch (type) {
                case FP32 -> out.putFloat(proto.getFloatData(i));
                case FP64 -> out.putDouble(proto.getDoubleData(i));
                case INT64 -> out.putLong(proto.getInt64Data(i));
                case UINT32 -> out.putInt((int) proto.getUint64Data(i));
                case UINT64 -> out.putLong(proto.getUint64Data(i));
                // ONNX keeps these in int32_data, FP16 and BF16 as their 16 bits
                case INT32 -> out.putInt(proto.getInt32Data(i));
                case INT16, UINT16, FP16, BF16 -> out.putShort((short) proto.getInt32Data(i));
                case INT8, UINT8, BOOL -> out.put((byte) proto.getInt32Data(i));
                case BYTES -> throw new IllegalStateException("handled above");
            }
        }
        return out.flip();
    }

    private static DataType datatype(int onnx) throws NoV2Datatype {
        return switch (onnx) {
            case TensorProto.DataType.FLOAT_VALUE -> DataType.FP32;
            case TensorProto.DataType.UINT8_VALUE -> DataType.UINT8;
            case TensorProto.DataType.INT8_VALUE -> DataType.INT8;
            case TensorProto.DataType.UINT16_VALUE -> DataType.UINT16;
            case TensorProto.DataType.INT16_VALUE -> DataType.INT16;
            case TensorProto.DataType.INT32_VALUE -> DataType.INT32;
            case TensorProto.DataType.INT64_VALUE -> DataType.INT64;
            case TensorProto.DataType.STRING_VALUE -> DataType.BYTES;
            case TensorProto.DataType.BOOL_VALUE -> DataType.BOOL;
            case TensorProto.DataType.FLOAT16_VALUE -> DataType.FP16;
            case TensorProto.DataType.DOUBLE_VALUE -> DataType.FP64;
            case TensorProto.DataType.UINT32_VALUE -> DataType.UINT32;
            case TensorProto.DataType.UINT64_VALUE -> DataType.UINT64;
            case TensorProto.DataType.BFLOAT16_VALUE -> DataType.BF16;
            default ->
                throw new NoV2Datatype(
                        "ONNX element type " + TensorProto.DataType.forNumber(onnx) + " has no V2 datatype");
        };
    }
}
