package io.mlops.onnx;

import io.mlops.error.UserError;
import java.util.Arrays;

/**
 * Compares data about to be fed with what a model input declares, so a mismatch fails with the
 * input's name, the expected and the actual signature instead of ONNX Runtime's internal message.
 */
public final class InputCheck {
    private InputCheck() {}

    /**
     * Fails when type or shape do not fit the declared input.
     *
     * @param model the model file, for the message
     * @param spec the declared input
     * @param type the data's element type
     * @param shape the data's shape
     * @throws UserError naming input, expected and actual
     */
    public static void check(String model, TensorSpec spec, ElementType type, long[] shape) {
        boolean typeFits = spec.type().equals(type.label());
        boolean shapeFits = spec.dims().size() == shape.length;
        for (int d = 0; shapeFits && d < shape.length; d++) {
            long fixed = spec.fixedDim(d);
            shapeFits = fixed < 0 || fixed == shape[d];
        }
        if (!typeFits || !shapeFits) {
            throw new UserError("input '" + spec.name() + "' of " + model + " expects " + spec.describe()
                    + ", the data gives " + type.label() + " " + Arrays.toString(shape));
        }
    }
}
