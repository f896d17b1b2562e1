package io.mlops.eval.data;

import io.mlops.error.UserError;
import io.mlops.eval.Task;
import io.mlops.onnx.NdArray;
import java.util.Arrays;
import java.util.List;

/**
 * Samples from NumPy arrays: the first dimension of the features indexes samples, the targets
 * hold one class index (classification) or one row of values (regression) per sample.
 */
public final class ArraySet implements EvalSet {
    private final NdArray features;
    private final NdArray targets;
    private final Task task;
    private final String source;
    private final long[] sampleShape;
    private final int sampleSize;
    private final int targetWidth;

    /**
     * Wraps arrays.
     *
     * @param features {@code [n, ...]} inputs
     * @param targets {@code [n]} or {@code [n, k]} truth
     * @param task what the targets mean
     * @param source the file(s), for messages
     * @throws UserError when the arrays do not fit together
     */
    public ArraySet(NdArray features, NdArray targets, Task task, String source) {
        long[] shape = features.shape();
        if (shape.length < 1 || targets.shape().length < 1 || targets.shape()[0] != shape[0]) {
            throw new UserError(source + ": features " + Arrays.toString(shape) + " and targets "
                    + Arrays.toString(targets.shape()) + " must have the same first dimension (one row per sample)");
        }
        if (features.type() == io.mlops.onnx.ElementType.STRING) {
            throw new UserError(source + ": features are strings; evaluation needs numbers");
        }
        this.features = features;
        this.targets = targets;
        this.task = task;
        this.source = source;
        this.sampleShape = Arrays.copyOfRange(shape, 1, shape.length);
        this.sampleSize = (int) NdArray.count(sampleShape);
        this.targetWidth = shape[0] == 0 ? 0 : targets.size() / (int) shape[0];
    }

    @Override
    public int size() {
        return (int) features.shape()[0];
    }

    @Override
    public String name(int index) {
        return source + " row " + index;
    }

    @Override
    public Item read(int index) {
        double[] values = Arrays.copyOfRange(features.numbers(), index * sampleSize, (index + 1) * sampleSize);
        Item.Tensor tensor = new Item.Tensor(values, sampleShape, features.type());
        if (task == Task.CLASSIFICATION) {
            double label = targets.numbers()[index * targetWidth];
            if (label != Math.rint(label) || label < 0) {
                throw new UserError(name(index) + ": class label " + label + " is not a class index (0, 1, 2...)");
            }
            return new Item(name(index), tensor, null, (int) label, null, -1);
        }
        double[] truth = Arrays.copyOfRange(targets.numbers(), index * targetWidth, (index + 1) * targetWidth);
        return new Item(name(index), tensor, null, -1, truth, -1);
    }

    @Override
    public List<String> classNames() {
        return List.of();
    }
}
