package io.mlops.deploy;

import io.mlops.error.UserError;
import io.mlops.onnx.ElementType;

/** Maps ONNX element types to the KServe V2 protocol's tensor datatypes. */
final class V2DataType {
    private V2DataType() {}

    /**
     * The V2 datatype of an ONNX element type label.
     *
     * @param label e.g. {@code float32}
     * @param input the input's name, for the message
     * @return e.g. {@code FP32}
     */
    static String of(String label, String input) {
        ElementType type;
        try {
            type = ElementType.ofLabel(label);
        } catch (UserError e) {
            throw new UserError("input '" + input + "' has type " + label + ", which the V2 protocol cannot carry", e);
        }
        return switch (type) {
            case FLOAT32 -> "FP32";
            case FLOAT16 -> "FP16";
            case FLOAT64 -> "FP64";
            case UINT8 -> "UINT8";
            case INT8 -> "INT8";
            case INT16 -> "INT16";
            case INT32 -> "INT32";
            case INT64 -> "INT64";
            case BOOL -> "BOOL";
            case STRING -> "BYTES";
        };
    }
}
