package io.mlops.agent.grpc;

import com.google.protobuf.ByteString;
import io.mlops.agent.grpc.v2.InferTensorContents;
import io.mlops.protocol.v2.DataType;
import io.mlops.protocol.v2.InvalidInput;
import io.mlops.protocol.v2.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Converts between the V2 gRPC typed {@code contents} (one repeated field per family of datatypes)
 * and the V2 binary layout a {@link Tensor} holds. FP16 and BF16 have no typed field in the
 * protocol: they travel as raw contents only.
 */
final class TypedContents {
    private TypedContents() {}

    /**
     * Whether a datatype has a typed contents field.
     *
     * @param type the datatype
     * @return false for FP16 and BF16
     */
    static boolean hasTypedField(DataType type) {
        return type != DataType.FP16 && type != DataType.BF16;
    }

    /**
     * Reads an input's typed contents into the binary layout.
     *
     * @param name the input, for error messages
     * @param type its datatype
     * @param elements the number of elements its shape holds
     * @param contents the typed contents
     * @return the elements, little-endian
     * @throws InvalidInput when the field for the datatype holds the wrong number of elements, a value
     *     does not fit the datatype, or the datatype has no typed field
     */
    static ByteBuffer read(String name, DataType type, long elements, InferTensorContents contents) {
        return switch (type) {
            case BOOL -> {
                List<Boolean> values = counted(name, type, elements, contents.getBoolContentsList(), "bool_contents");
                ByteBuffer out = allocate(values.size());
                values.forEach(v -> out.put((byte) (v ? 1 : 0)));
                yield out.flip();
            }
            case INT8, INT16, INT32 -> {
                List<Integer> values = counted(name, type, elements, contents.getIntContentsList(), "int_contents");
                ByteBuffer out = allocate((long) values.size() * type.elementSize());
                for (int i = 0; i < values.size(); i++) {
                    putSigned(name, type, i, values.get(i), out);
                }
                yield out.flip();
            }
            case INT64 -> {
                List<Long> values = counted(name, type, elements, contents.getInt64ContentsList(), "int64_contents");
                ByteBuffer out = allocate((long) values.size() * 8);
                values.forEach(out::putLong);
                yield out.flip();
            }
            case UINT8, UINT16, UINT32 -> {
                List<Integer> values = counted(name, type, elements, contents.getUintContentsList(), "uint_contents");
                ByteBuffer out = allocate((long) values.size() * type.elementSize());
                for (int i = 0; i < values.size(); i++) {
                    putUnsigned(name, type, i, Integer.toUnsignedLong(values.get(i)), out);
                }
                yield out.flip();
            }
            case UINT64 -> {
                List<Long> values = counted(name, type, elements, contents.getUint64ContentsList(), "uint64_contents");
                ByteBuffer out = allocate((long) values.size() * 8);
                values.forEach(out::putLong);
                yield out.flip();
            }
            case FP32 -> {
                List<Float> values = counted(name, type, elements, contents.getFp32ContentsList(), "fp32_contents");
                ByteBuffer out = allocate((long) values.size() * 4);
                values.forEach(out::putFloat);
                yield out.flip();
            }
            case FP64 -> {
                List<Double> values = counted(name, type, elements, contents.getFp64ContentsList(), "fp64_contents");
                ByteBuffer out = allocate((long) values.size() * 8);
                values.forEach(out::putDouble);
                yield out.flip();
            }
            case BYTES -> {
                List<ByteString> values =
                        counted(name, type, elements, contents.getBytesContentsList(), "bytes_contents");
                long size = 0;
                for (ByteString value : values) {
                    size += 4L + value.size();
                }
                ByteBuffer out = allocate(size);
                for (ByteString value : values) {
                    out.putInt(value.size());
                    value.copyTo(out);
                }
                yield out.flip();
            }
            case FP16, BF16 ->
                throw new InvalidInput("input '" + name + "': " + type
                        + " has no typed contents field in the V2 protocol; send it in raw_input_contents");
        };
    }

    /**
     * Writes a tensor's elements as typed contents.
     *
     * @param tensor the tensor; its datatype must have a typed field
     * @return the contents
     */
    static InferTensorContents write(Tensor tensor) {
        ByteBuffer data = tensor.data();
        InferTensorContents.Builder out = InferTensorContents.newBuilder();
        switch (tensor.datatype()) {
            case BOOL -> {
                while (data.hasRemaining()) {
                    out.addBoolContents(data.get() != 0);
                }
            }
            case INT8 -> {
                while (data.hasRemaining()) {
                    out.addIntContents(data.get());
                }
            }
            case INT16 -> {
                while (data.hasRemaining()) {
                    out.addIntContents(data.getShort());
                }
            }
            case INT32 -> {
                while (data.hasRemaining()) {
                    out.addIntContents(data.getInt());
                }
            }
            case INT64 -> {
                while (data.hasRemaining()) {
                    out.addInt64Contents(data.getLong());
                }
            }
            case UINT8 -> {
                while (data.hasRemaining()) {
                    out.addUintContents(Byte.toUnsignedInt(data.get()));
                }
            }
            case UINT16 -> {
                while (data.hasRemaining()) {
                    out.addUintContents(Short.toUnsignedInt(data.getShort()));
                }
            }
            case UINT32 -> {
                while (data.hasRemaining()) {
                    out.addUintContents(data.getInt());
                }
            }
            case UINT64 -> {
                while (data.hasRemaining()) {
                    out.addUint64Contents(data.getLong());
                }
            }
            case FP32 -> {
                while (data.hasRemaining()) {
                    out.addFp32Contents(data.getFloat());
                }
            }
            case FP64 -> {
                while (data.hasRemaining()) {
                    out.addFp64Contents(data.getDouble());
                }
            }
            case BYTES -> {
                while (data.hasRemaining()) {
                    int length = data.getInt();
                    out.addBytesContents(ByteString.copyFrom(data.slice(data.position(), length)));
                    data.position(data.position() + length);
                }
            }
            case FP16, BF16 ->
                throw new IllegalArgumentException(tensor.datatype() + " has no typed contents field; use raw");
        }
        return out.build();
    }

    private static <T> List<T> counted(String name, DataType type, long elements, List<T> values, String field) {
        if (values.size() != elements) {
            throw new InvalidInput("input '" + name + "': shape holds " + elements + " " + type + " elements but "
                    + field + " has " + values.size());
        }
        return values;
    }

    private static void putSigned(String name, DataType type, int index, int value, ByteBuffer out) {
        switch (type) {
            case INT8 -> out.put((byte) checked(name, type, index, value, Byte.MIN_VALUE, Byte.MAX_VALUE));
            case INT16 -> out.putShort((short) checked(name, type, index, value, Short.MIN_VALUE, Short.MAX_VALUE));
            default -> out.putInt(value);
        }
    }

    private static void putUnsigned(String name, DataType type, int index, long value, ByteBuffer out) {
        switch (type) {
            case UINT8 -> out.put((byte) checked(name, type, index, value, 0, 0xFF));
            case UINT16 -> out.putShort((short) checked(name, type, index, value, 0, 0xFFFF));
            default -> out.putInt((int) value);
        }
    }

    private static long checked(String name, DataType type, int index, long value, long min, long max) {
        if (value < min || value > max) {
            throw new InvalidInput("input '" + name + "': element " + index + " is " + value + ", outside the range of "
                    + type + " [" + min + ", " + max + "]");
        }
        return value;
    }

    private static ByteBuffer allocate(long size) {
        if (size > Integer.MAX_VALUE) {
            throw new InvalidInput("tensor of " + size + " bytes is larger than one request may carry");
        }
        return ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
