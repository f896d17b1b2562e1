package io.mlops.eval.data;

import io.mlops.eval.image.DecodedImage;
import io.mlops.onnx.ElementType;

/**
 * One sample of an evaluation set: its model input and its truth.
 *
 * @param name where it came from, for messages (a file, or a row)
 * @param tensor the input values for tables and arrays, or null for images
 * @param image the decoded image, or null for tables and arrays
 * @param label classification: the true class index (-1 otherwise)
 * @param targets regression: the true values (null otherwise)
 * @param imageId detection: the COCO image id (-1 otherwise)
 */
public record Item(String name, Tensor tensor, DecodedImage image, int label, double[] targets, long imageId) {
    /**
     * Values of one table row or array slice.
     *
     * @param values the numbers, row-major
     * @param shape the dimensions of one sample (without the batch dimension)
     * @param type the stored element type, or null for text (CSV) that takes the model's type
     */
    public record Tensor(double[] values, long[] shape, ElementType type) {}
}
