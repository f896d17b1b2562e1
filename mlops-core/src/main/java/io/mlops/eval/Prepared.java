package io.mlops.eval;

import io.mlops.eval.data.Item;
import io.mlops.eval.image.Geometry;
import io.mlops.onnx.ElementType;

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
record Prepared(Item item, float[] floats, double[] doubles, long[] shape, ElementType type, Geometry geometry) {}
