package io.mlops.protocol.reference;

import io.mlops.protocol.v2.DataType;
import io.mlops.protocol.v2.Tensor;
import java.nio.ByteBuffer;

/**
 * Reads a numeric tensor's elements as doubles, row by row (a row is everything after the first
 * dimension): the values drift statistics are computed from.
 */
public final class RowValues {
    private RowValues() {}

    /**
     * Whether drift statistics can be taken from a datatype.
     *
     * @param type the datatype
     * @return false for {@link DataType#BYTES}, true for every numeric type and BOOL
     */
    public static boolean numeric(DataType type) {
        return type != DataType.BYTES;
    }

    /**
     * The number of rows: the first dimension, or 1 for a scalar.
     *
     * @param tensor the tensor
     * @return the rows
     */
    public static int rows(Tensor tensor) {
        long[] shape = tensor.shape();
        return shape.length == 0 ? 1 : (int) shape[0];
    }

    /**
     * Each row's mean: one summary per row, e.g. an image's mean brightness.
     *
     * @param tensor a numeric tensor
     * @return one mean per row (NaN for an empty row)
     */
    public static double[] rowMeans(Tensor tensor) {
        int rows = rows(tensor);
        double[] means = new double[rows];
        ByteBuffer data = tensor.data();
        int perRow = rows == 0 ? 0 : elements(tensor) / rows;
        DataType type = tensor.datatype();
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            for (int i = 0; i < perRow; i++) {
                sum += next(data, type);
            }
            means[r] = perRow == 0 ? Double.NaN : sum / perRow;
        }
        return means;
    }

    /**
     * A rank-2 tensor's columns: the values of each feature across rows.
     *
     * @param tensor a numeric tensor of shape [rows, features]
     * @return {@code [feature][row]}
     */
    public static double[][] columns(Tensor tensor) {
        long[] shape = tensor.shape();
        int rows = (int) shape[0];
        int features = (int) shape[1];
        double[][] columns = new double[features][rows];
        ByteBuffer data = tensor.data();
        for (int r = 0; r < rows; r++) {
            for (int f = 0; f < features; f++) {
                columns[f][r] = next(data, tensor.datatype());
            }
        }
        return columns;
    }

    /**
     * Every element as a double, in row-major order, e.g. to find the non-finite values of an
     * output.
     *
     * @param tensor a numeric tensor
     * @return its elements
     */
    public static double[] values(Tensor tensor) {
        double[] values = new double[elements(tensor)];
        ByteBuffer data = tensor.data();
        for (int i = 0; i < values.length; i++) {
            values[i] = next(data, tensor.datatype());
        }
        return values;
    }

    private static int elements(Tensor tensor) {
        return Math.toIntExact(Tensor.elementCount(tensor.name(), tensor.shape()));
    }

    /**
     * Reads the next element of a numeric tensor's data as a double.
     *
     * @param data the data, positioned at the element
     * @param type the tensor's datatype
     * @return the element's value
     * @throws IllegalArgumentException for BYTES
     */
    public static double next(ByteBuffer data, DataType type) {
        return switch (type) {
            case BOOL, UINT8 -> data.get() & 0xff;
            case INT8 -> data.get();
            case UINT16 -> data.getShort() & 0xffff;
            case INT16 -> data.getShort();
            case UINT32 -> data.getInt() & 0xffffffffL;
            case INT32 -> data.getInt();
            case UINT64 -> {
                long v = data.getLong();
                yield v >= 0 ? v : (double) (v >>> 1) * 2.0;
            }
            case INT64 -> data.getLong();
            case FP16 -> Float.float16ToFloat(data.getShort());
            case BF16 -> Float.intBitsToFloat((data.getShort() & 0xffff) << 16);
            case FP32 -> data.getFloat();
            case FP64 -> data.getDouble();
            case BYTES -> throw new IllegalArgumentException("BYTES tensors have no numeric values");
        };
    }
}
