package io.mlops.registry;

import java.io.Serializable;

/**
 * The model card fields a version keeps for the registry page: its ONNX input and output
 * signature and opset. Any may be null for a model that is no ONNX file.
 *
 * @param inputs the input signature, e.g. {@code images: float32[N,3,224,224]}
 * @param outputs the output signature
 * @param opset the default-domain opset, or null
 */
public record ModelCardFields(String inputs, String outputs, Integer opset) implements Serializable {
    /** Validates the fields. */
    public ModelCardFields {
        if (opset != null && opset < 1) {
            throw new IllegalArgumentException("an opset starts at 1: " + opset);
        }
    }

    /**
     * No card fields, for a model the suite did not inspect.
     *
     * @return fields that are all null
     */
    public static ModelCardFields none() {
        return new ModelCardFields(null, null, null);
    }
}
