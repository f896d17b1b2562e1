package io.mlops.protocol.v2;

import io.mlops.error.UserError;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * A named tensor whose elements are held in the V2 binary layout: row-major, little-endian, and
 * for {@link DataType#BYTES} each element a 4-byte length followed by its bytes. This one layout is
 * what the binary extension carries, what the backends read and write, and what JSON is turned
 * into, so a request's bytes are copied as seldom as possible.
 */
public final class Tensor {
    private final String name;
    private final DataType datatype;
    private final long[] shape;
    private final ByteBuffer data;

    private Tensor(String name, DataType datatype, long[] shape, ByteBuffer data) {
        this.name = name;
        this.datatype = datatype;
        this.shape = shape;
        this.data = data;
    }

    /**
     * Wraps the bytes of a tensor after checking that their length fits the shape.
     *
     * @param name the tensor's name
     * @param datatype its element type
     * @param shape its dimensions, none negative
     * @param data its elements in the V2 binary layout; read from its position to its limit
     * @return the tensor
     * @throws UserError when the shape is negative or the data length does not match it
     */
    public static Tensor of(String name, DataType datatype, long[] shape, ByteBuffer data) {
        Objects.requireNonNull(name, "name");
        long elements = elementCount(name, shape);
        ByteBuffer bytes = data.slice().order(ByteOrder.LITTLE_ENDIAN);
        if (datatype == DataType.BYTES) {
            checkByteStrings(name, elements, bytes);
        } else if (bytes.remaining() != elements * datatype.elementSize()) {
            throw new UserError("tensor '" + name + "': " + bytes.remaining() + " bytes of data do not match shape "
                    + Arrays.toString(shape) + " of " + datatype + ", which needs "
                    + elements * datatype.elementSize() + " bytes");
        }
        return new Tensor(
                name, datatype, shape.clone(), bytes.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN));
    }

    /**
     * An FP64 tensor of numbers, as reference data read from a NumPy file becomes.
     *
     * @param name the tensor's name
     * @param shape its dimensions
     * @param values its elements in row-major order
     * @return the tensor
     * @throws UserError when the count does not match the shape
     */
    public static Tensor fp64(String name, long[] shape, double[] values) {
        ByteBuffer bytes =
                ByteBuffer.allocate(Math.multiplyExact(values.length, 8)).order(ByteOrder.LITTLE_ENDIAN);
        for (double value : values) {
            bytes.putDouble(value);
        }
        return of(name, DataType.FP64, shape, bytes.flip());
    }

    /**
     * The number of elements a shape holds.
     *
     * @param name the tensor, for the error message
     * @param shape its dimensions
     * @return their product
     * @throws UserError when a dimension is negative or the product overflows
     */
    public static long elementCount(String name, long[] shape) {
        long count = 1;
        for (long dim : shape) {
            if (dim < 0) {
                throw new UserError(
                        "tensor '" + name + "': shape " + Arrays.toString(shape) + " has a negative dimension");
            }
            count = Math.multiplyExact(count, dim);
        }
        return count;
    }

    private static void checkByteStrings(String name, long elements, ByteBuffer bytes) {
        ByteBuffer cursor = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        for (long i = 0; i < elements; i++) {
            if (cursor.remaining() < 4) {
                throw new UserError("tensor '" + name + "': BYTES data ends before element " + i + " of " + elements);
            }
            int length = cursor.getInt();
            if (length < 0 || length > cursor.remaining()) {
                throw new UserError("tensor '" + name + "': BYTES element " + i + " claims "
                        + Integer.toUnsignedString(length) + " bytes but only " + cursor.remaining() + " remain");
            }
            cursor.position(cursor.position() + length);
        }
        if (cursor.hasRemaining()) {
            throw new UserError("tensor '" + name + "': " + cursor.remaining() + " bytes of data follow the last of "
                    + elements + " BYTES elements");
        }
    }

    /**
     * The tensor's name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * The element type.
     *
     * @return the type
     */
    public DataType datatype() {
        return datatype;
    }

    /**
     * The dimensions.
     *
     * @return a copy of the shape
     */
    public long[] shape() {
        return shape.clone();
    }

    /**
     * The elements in the V2 binary layout.
     *
     * @return a read-only little-endian view, positioned at the first byte
     */
    public ByteBuffer data() {
        return data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * The same elements under another name, as when a model's output is renamed for a reply.
     *
     * @param newName the name
     * @return the renamed tensor
     */
    public Tensor named(String newName) {
        return new Tensor(newName, datatype, shape, data);
    }

    @Override
    public String toString() {
        return name + " " + datatype + Arrays.toString(shape);
    }
}
