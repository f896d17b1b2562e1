package io.mlops.protocol.v2;

import io.mlops.error.UserError;
import io.mlops.onnx.ElementType;
import java.util.Locale;

/**
 * The tensor data types of the KServe V2 / Open Inference Protocol, with the size of one element
 * in the protocol's little-endian binary layout.
 */
public enum DataType {
    BOOL(1),
    UINT8(1),
    UINT16(2),
    UINT32(4),
    UINT64(8),
    INT8(1),
    INT16(2),
    INT32(4),
    INT64(8),
    FP16(2),
    FP32(4),
    FP64(8),
    BF16(2),
    /** Variable-length byte strings: each element is a 4-byte little-endian length, then its bytes. */
    BYTES(-1);

    private final int elementSize;

    DataType(int elementSize) {
        this.elementSize = elementSize;
    }

    /**
     * The size of one element in bytes.
     *
     * @return the size, or -1 for {@link #BYTES}, whose elements vary in length
     */
    public int elementSize() {
        return elementSize;
    }

    /**
     * Parses a V2 datatype name.
     *
     * @param name the name as the protocol writes it, e.g. {@code FP32}
     * @return the type
     * @throws UserError naming the unknown type
     */
    public static DataType parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new UserError("unknown tensor datatype '" + name + "'; expected one of BOOL, UINT8, UINT16, "
                    + "UINT32, UINT64, INT8, INT16, INT32, INT64, FP16, FP32, FP64, BF16, BYTES");
        }
    }

    /**
     * The V2 datatype of an ONNX element type: the one mapping {@code mlops deploy} and the agent
     * use for a model's declared inputs.
     *
     * @param type the ONNX element type
     * @return e.g. {@link #FP32} for {@code float32}, {@link #BYTES} for {@code string}
     */
    public static DataType of(ElementType type) {
        return switch (type) {
            case FLOAT32 -> FP32;
            case FLOAT16 -> FP16;
            case FLOAT64 -> FP64;
            case UINT8 -> UINT8;
            case INT8 -> INT8;
            case INT16 -> INT16;
            case INT32 -> INT32;
            case INT64 -> INT64;
            case BOOL -> BOOL;
            case STRING -> BYTES;
        };
    }
}
