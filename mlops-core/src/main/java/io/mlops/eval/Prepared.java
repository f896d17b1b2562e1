package io.mlops.eval;

import io.mlops.eval.data.Item;
import io.mlops.image.Geometry;
import io.mlops.onnx.ElementType;
import java.util.Arrays;
import java.util.Objects;

/**
 * A sample ready for the model: its input row as floats (images) or doubles (tables, arrays).
 *
 * @param item the sample and its truth
 * @param floats the input row for images, or null
 * @param doubles the input row for tables and arrays, or null
 * @param shape the row's shape (without the batch dimension)
 * @param type the data's element type (float32 for images, the stored type or null for tables)
 * @param geometry how image coordinates map into the input, or null
 */
record Prepared(Item item, float[] floats, double[] doubles, long[] shape, ElementType type, Geometry geometry) {
    // a record compares arrays by identity; these compare their contents
    @Override
    public boolean equals(Object other) {
        return other instanceof Prepared that
                && Objects.equals(item, that.item)
                && Arrays.equals(floats, that.floats)
                && Arrays.equals(doubles, that.doubles)
                && Arrays.equals(shape, that.shape)
                && Objects.equals(type, that.type)
                && Objects.equals(geometry, that.geometry);
    }

    @Override
    public int hashCode() {
        return Objects.hash(item, type, geometry) * 31
                + Arrays.hashCode(floats) * 31
                + Arrays.hashCode(doubles) * 31
                + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return "Prepared[item=" + item + ", floats=" + Arrays.toString(floats) + ", doubles=" + Arrays.toString(doubles)
                + ", shape=" + Arrays.toString(shape) + ", type=" + type + ", geometry=" + geometry + "]";
    }
}
