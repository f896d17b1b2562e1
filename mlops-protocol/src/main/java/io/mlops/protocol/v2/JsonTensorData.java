package io.mlops.protocol.v2;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * The JSON form of tensor data in the V2 protocol: a flat row-major array or nested arrays of
 * numbers (FP16 and BF16 too), booleans for BOOL, and strings for BYTES; converted to and from the
 * V2 binary layout that {@link Tensor} holds. The one codec of the suite: the agent reads requests
 * and writes replies with it, {@code mlops deploy} reads sample inputs, reference data and the
 * agent's answers with it, so what one side accepts the other does too.
 *
 * <p>Non-finite floats, which JSON lacks: {@code NaN}, {@code Infinity} and {@code -Infinity},
 * either as bare literals (as Python's {@code json}, tritonclient and Triton's rapidjson write them;
 * the mapper must allow them, as {@link io.mlops.json.Json} does) or as strings of exactly that
 * spelling (as Jackson quotes them by default, and as {@link #write} does). Anything else is
 * refused naming the tensor and the element: {@code null}, and other strings such as {@code "nan"},
 * {@code "inf"} or {@code "+inf"}.
 */
public final class JsonTensorData {
    /** Not a number, as JSON literal or string. */
    public static final String NAN = "NaN";

    /** Positive infinity, as JSON literal or string. */
    public static final String INFINITY = "Infinity";

    /** Negative infinity, as JSON literal or string. */
    public static final String NEGATIVE_INFINITY = "-Infinity";

    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private JsonTensorData() {}

    /**
     * Builds a tensor from its JSON data.
     *
     * @param name the input's name
     * @param type its datatype
     * @param shape its shape
     * @param data the {@code data} member
     * @return the tensor
     * @throws InvalidInput naming the input when a value does not fit the datatype or the count does
     *     not match the shape
     */
    public static Tensor read(String name, DataType type, long[] shape, JsonNode data) {
        List<JsonNode> values = flatten(name, data);
        long expected = Tensor.elementCount(name, shape);
        if (values.size() != expected) {
            throw new InvalidInput("input '" + name + "': " + values.size() + " values of data do not match shape "
                    + Arrays.toString(shape) + ", which holds " + expected);
        }
        ByteBuffer bytes = type == DataType.BYTES ? strings(name, values) : numbers(name, type, values);
        return Tensor.of(name, type, shape, bytes.flip());
    }

    private static List<JsonNode> flatten(String name, JsonNode data) {
        if (data == null || data.isNull() || data.isMissingNode()) {
            throw new InvalidInput("input '" + name + "' has no data (nor parameters.binary_data_size)");
        }
        List<JsonNode> values = new ArrayList<>();
        Deque<JsonNode> pending = new ArrayDeque<>();
        pending.push(data);
        while (!pending.isEmpty()) {
            JsonNode node = pending.pop();
            if (node.isArray()) {
                for (int i = node.size() - 1; i >= 0; i--) {
                    pending.push(node.get(i));
                }
            } else {
                values.add(node);
            }
        }
        return values;
    }

    private static ByteBuffer strings(String name, List<JsonNode> values) {
        List<byte[]> encoded = new ArrayList<>(values.size());
        long size = 0;
        for (int i = 0; i < values.size(); i++) {
            JsonNode value = values.get(i);
            if (!value.isTextual()) {
                throw badValue(name, DataType.BYTES, i, value, "a string");
            }
            byte[] bytes = value.asText().getBytes(StandardCharsets.UTF_8);
            encoded.add(bytes);
            size += 4 + bytes.length;
        }
        ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(size)).order(ByteOrder.LITTLE_ENDIAN);
        encoded.forEach(bytes -> buffer.putInt(bytes.length).put(bytes));
        return buffer;
    }

    private static ByteBuffer numbers(String name, DataType type, List<JsonNode> values) {
        ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact((long) values.size() * type.elementSize()))
                .order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < values.size(); i++) {
            JsonNode value = values.get(i);
            switch (type) {
                case BOOL -> {
                    if (!value.isBoolean()) {
                        throw badValue(name, type, i, value, "true or false");
                    }
                    buffer.put((byte) (value.booleanValue() ? 1 : 0));
                }
                case UINT8 -> buffer.put((byte) integer(name, type, i, value, 0, 0xFF));
                case UINT16 -> buffer.putShort((short) integer(name, type, i, value, 0, 0xFFFF));
                case UINT32 -> buffer.putInt((int) integer(name, type, i, value, 0, 0xFFFFFFFFL));
                case UINT64 -> buffer.putLong(unsigned64(name, i, value));
                case INT8 -> buffer.put((byte) integer(name, type, i, value, Byte.MIN_VALUE, Byte.MAX_VALUE));
                case INT16 -> buffer.putShort((short) integer(name, type, i, value, Short.MIN_VALUE, Short.MAX_VALUE));
                case INT32 -> buffer.putInt((int) integer(name, type, i, value, Integer.MIN_VALUE, Integer.MAX_VALUE));
                case INT64 -> buffer.putLong(integer(name, type, i, value, Long.MIN_VALUE, Long.MAX_VALUE));
                case FP16 -> buffer.putShort(Float.floatToFloat16((float) real(name, type, i, value)));
                case BF16 -> buffer.putShort(toBfloat16((float) real(name, type, i, value)));
                case FP32 -> buffer.putFloat((float) real(name, type, i, value));
                case FP64 -> buffer.putDouble(real(name, type, i, value));
                case BYTES -> throw new IllegalStateException("BYTES is not numeric");
            }
        }
        return buffer;
    }

    private static long integer(String name, DataType type, int index, JsonNode value, long min, long max) {
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw badValue(name, type, index, value, "a whole number from " + min + " to " + max);
        }
        long number = value.longValue();
        if (number < min || number > max) {
            throw badValue(name, type, index, value, "a whole number from " + min + " to " + max);
        }
        return number;
    }

    private static long unsigned64(String name, int index, JsonNode value) {
        if (!value.isIntegralNumber()) {
            throw badValue(name, DataType.UINT64, index, value, "a whole number from 0 to " + UINT64_MAX);
        }
        BigInteger number = value.bigIntegerValue();
        if (number.signum() < 0 || number.compareTo(UINT64_MAX) > 0) {
            throw badValue(name, DataType.UINT64, index, value, "a whole number from 0 to " + UINT64_MAX);
        }
        return number.longValue();
    }

    private static double real(String name, DataType type, int index, JsonNode value) {
        if (value.isNumber()) {
            return value.doubleValue();
        }
        if (value.isTextual()) {
            switch (value.asText()) {
                case NAN -> {
                    return Double.NaN;
                }
                case INFINITY -> {
                    return Double.POSITIVE_INFINITY;
                }
                case NEGATIVE_INFINITY -> {
                    return Double.NEGATIVE_INFINITY;
                }
                default -> {}
            }
        }
        throw badValue(name, type, index, value, "a number, or NaN, Infinity or -Infinity");
    }

    /** Rounds a float to bfloat16 (its top 16 bits), to nearest, ties to even; NaN stays NaN. */
    static short toBfloat16(float value) {
        int bits = Float.floatToRawIntBits(value);
        if (Float.isNaN(value)) {
            return (short) ((bits >>> 16) | 0x40);
        }
        int rounding = 0x7FFF + ((bits >>> 16) & 1);
        return (short) ((bits + rounding) >>> 16);
    }

    private static InvalidInput badValue(String name, DataType type, int index, JsonNode value, String expected) {
        String shown = value.toString();
        if (shown.length() > 40) {
            shown = shown.substring(0, 40) + "...";
        }
        return new InvalidInput("input '" + name + "' is " + type + " but data element " + index + " is " + shown
                + "; expected " + expected);
    }

    /**
     * Writes a tensor's elements as a flat JSON array.
     *
     * @param tensor the tensor
     * @param json where to write
     * @throws IOException when writing fails
     */
    public static void write(Tensor tensor, JsonGenerator json) throws IOException {
        ByteBuffer data = tensor.data();
        long count = Tensor.elementCount(tensor.name(), tensor.shape());
        json.writeStartArray();
        for (long i = 0; i < count; i++) {
            switch (tensor.datatype()) {
                case BOOL -> json.writeBoolean(data.get() != 0);
                case UINT8 -> json.writeNumber(Byte.toUnsignedInt(data.get()));
                case UINT16 -> json.writeNumber(Short.toUnsignedInt(data.getShort()));
                case UINT32 -> json.writeNumber(Integer.toUnsignedLong(data.getInt()));
                case UINT64 -> json.writeNumber(new BigInteger(Long.toUnsignedString(data.getLong())));
                case INT8 -> json.writeNumber(data.get());
                case INT16 -> json.writeNumber(data.getShort());
                case INT32 -> json.writeNumber(data.getInt());
                case INT64 -> json.writeNumber(data.getLong());
                case FP16 -> writeReal(json, Float.float16ToFloat(data.getShort()));
                case BF16 -> writeReal(json, Float.intBitsToFloat(Short.toUnsignedInt(data.getShort()) << 16));
                case FP32 -> writeReal(json, data.getFloat());
                case FP64 -> writeReal(json, data.getDouble());
                case BYTES -> {
                    byte[] bytes = new byte[data.getInt()];
                    data.get(bytes);
                    json.writeString(new String(bytes, StandardCharsets.UTF_8));
                }
            }
        }
        json.writeEndArray();
    }

    private static void writeReal(JsonGenerator json, float value) throws IOException {
        if (Float.isFinite(value)) {
            json.writeNumber(value);
        } else {
            json.writeString(Float.toString(value));
        }
    }

    private static void writeReal(JsonGenerator json, double value) throws IOException {
        if (Double.isFinite(value)) {
            json.writeNumber(value);
        } else {
            json.writeString(Double.toString(value));
        }
    }
}
