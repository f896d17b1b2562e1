package io.mlops.onnx;

import java.util.Arrays;

/**
 * An n-dimensional array read from a .npy file or returned by a model: numbers are held as doubles
 * (every element type the suite reads fits one exactly), strings as strings.
 *
 * @param type the element type
 * @param shape the dimensions
 * @param numbers the elements in row-major order, or null for strings
 * @param strings the elements of a string array, or null for numbers
 */
public record NdArray(ElementType type, long[] shape, double[] numbers, String[] strings) {
    /** Checks that the element count matches the shape. */
    public NdArray {
        shape = shape.clone();
        long count = count(shape);
        long held = type == ElementType.STRING ? strings.length : numbers.length;
        if (held != count) {
            throw new IllegalArgumentException(
                    "shape " + Arrays.toString(shape) + " needs " + count + " elements, got " + held);
        }
    }

    /**
     * A numeric array.
     *
     * @param type the element type
     * @param shape the dimensions
     * @param numbers the elements
     * @return the array
     */
    public static NdArray of(ElementType type, long[] shape, double[] numbers) {
        return new NdArray(type, shape, numbers, null);
    }

    /**
     * The number of elements a shape holds.
     *
     * @param shape the dimensions
     * @return their product (1 for a scalar)
     */
    public static long count(long[] shape) {
        long count = 1;
        for (long dim : shape) {
            count *= dim;
        }
        return count;
    }

    /**
     * The number of elements.
     *
     * @return the element count
     */
    public int size() {
        return type == ElementType.STRING ? strings.length : numbers.length;
    }

    /**
     * The dimensions, copied.
     *
     * @return the shape
     */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /**
     * The multi-dimensional index of a flat position, for messages.
     *
     * @param flat the row-major position
     * @return e.g. {@code [3, 1]}
     */
    public String index(int flat) {
        long[] index = new long[shape.length];
        long rest = flat;
        for (int d = shape.length - 1; d >= 0; d--) {
            index[d] = shape[d] == 0 ? 0 : rest % shape[d];
            rest = shape[d] == 0 ? 0 : rest / shape[d];
        }
        return Arrays.toString(index);
    }

    /**
     * The type and shape for messages, e.g. {@code float32 [8, 4]}.
     *
     * @return the description
     */
    public String describe() {
        return type.label() + " " + Arrays.toString(shape);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NdArray that
                && type == that.type
                && Arrays.equals(shape, that.shape)
                && Arrays.equals(numbers, that.numbers)
                && Arrays.equals(strings, that.strings);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * type.hashCode() + Arrays.hashCode(shape))
                + Arrays.hashCode(numbers)
                + Arrays.hashCode(strings);
    }

    @Override
    public String toString() {
        return "NdArray[" + describe() + "]";
    }
}
