package io.mlops.onnx;

import io.mlops.error.UserError;
import java.util.Locale;

/**
 * The element types a tensor can hold, with their ONNX codes (TensorProto.DataType) and NumPy type
 * descriptions, so that .npy files, ONNX models and ONNX Runtime agree on what a tensor is.
 */
public enum ElementType {
    /** 32-bit float. */
    FLOAT32(1, "f4", 4),
    /** Unsigned byte. */
    UINT8(2, "u1", 1),
    /** Signed byte. */
    INT8(3, "i1", 1),
    /** Signed 16-bit integer. */
    INT16(5, "i2", 2),
    /** Signed 32-bit integer. */
    INT32(6, "i4", 4),
    /** Signed 64-bit integer. */
    INT64(7, "i8", 8),
    /** UTF-8 string. */
    STRING(8, "U", 0),
    /** Boolean. */
    BOOL(9, "b1", 1),
    /** 16-bit float. */
    FLOAT16(10, "f2", 2),
    /** 64-bit float. */
    FLOAT64(11, "f8", 8);

    private final int onnxCode;
    private final String numpyKind;
    private final int bytes;

    ElementType(int onnxCode, String numpyKind, int bytes) {
        this.onnxCode = onnxCode;
        this.numpyKind = numpyKind;
        this.bytes = bytes;
    }

    /**
     * The type of an ONNX TensorProto.DataType code.
     *
     * @param code the code from the model
     * @return the type
     * @throws UserError for a type the suite does not handle
     */
    public static ElementType ofOnnx(int code) {
        for (ElementType type : values()) {
            if (type.onnxCode == code) {
                return type;
            }
        }
        throw new UserError("unsupported ONNX tensor element type code " + code);
    }

    /**
     * The type of a NumPy kind and size such as {@code f4} or {@code i8}.
     *
     * @param kind the kind with its byte size, without byte order
     * @return the type
     * @throws UserError for a kind the suite does not read
     */
    public static ElementType ofNumpy(String kind) {
        if (kind.startsWith("U")) {
            return STRING;
        }
        for (ElementType type : values()) {
            if (type.numpyKind.equals(kind)) {
                return type;
            }
        }
        throw new UserError("unsupported NumPy dtype '" + kind + "'");
    }

    /**
     * The type of a label such as {@code float32}, as {@link #label()} gives it.
     *
     * @param label the label
     * @return the type, or null for a label of no tensor type (a sequence, a map)
     */
    public static ElementType ofLabel(String label) {
        for (ElementType type : values()) {
            if (type.label().equals(label)) {
                return type;
            }
        }
        return null;
    }

    /**
     * Bytes per element, 0 for strings.
     *
     * @return the element size
     */
    public int bytes() {
        return bytes;
    }

    /**
     * Whether the type holds floating-point numbers.
     *
     * @return true for float16, float32 and float64
     */
    public boolean isFloat() {
        return this == FLOAT16 || this == FLOAT32 || this == FLOAT64;
    }

    /**
     * The name people know from NumPy and ONNX, e.g. {@code float32}.
     *
     * @return the lowercase name
     */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
