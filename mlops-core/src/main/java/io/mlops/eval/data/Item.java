package io.mlops.eval.data;

import io.mlops.image.DecodedImage;
import io.mlops.onnx.ElementType;
import java.util.Arrays;
import java.util.Objects;

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
    public record Tensor(double[] values, long[] shape, ElementType type) {
        // a record compares arrays by identity; these compare their contents
        @Override
        public boolean equals(Object other) {
            return other instanceof Tensor that
                    && Arrays.equals(values, that.values)
                    && Arrays.equals(shape, that.shape)
                    && Objects.equals(type, that.type);
        }

        @Override
        public int hashCode() {
            return Objects.hash(type) * 31 + Arrays.hashCode(values) * 31 + Arrays.hashCode(shape);
        }

        @Override
        public String toString() {
            return "Tensor[values=" + Arrays.toString(values) + ", shape=" + Arrays.toString(shape) + ", type=" + type
                    + "]";
        }
    }

    // a record compares arrays by identity; these compare their contents
    @Override
    public boolean equals(Object other) {
        return other instanceof Item that
                && Objects.equals(name, that.name)
                && Objects.equals(tensor, that.tensor)
                && Objects.equals(image, that.image)
                && label == that.label
                && Arrays.equals(targets, that.targets)
                && imageId == that.imageId;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, tensor, image, label, imageId) * 31 + Arrays.hashCode(targets);
    }

    @Override
    public String toString() {
        return "Item[name=" + name + ", tensor=" + tensor + ", image=" + image + ", label=" + label + ", targets="
                + Arrays.toString(targets) + ", imageId=" + imageId + "]";
    }
}
