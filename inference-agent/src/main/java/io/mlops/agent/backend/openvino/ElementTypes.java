package io.mlops.agent.backend.openvino;

import com.sun.jna.Memory;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import io.mlops.protocol.v2.DataType;
import java.util.Optional;

/**
 * Maps V2 datatypes to OpenVINO's {@code ov_element_type_e} codes.
 *
 * <p>The enum's numbering changed between releases: up to 2024 it began {@code UNDEFINED, DYNAMIC,
 * BOOLEAN, BF16, F16, F32, ...}; later releases dropped {@code UNDEFINED}, so every code moved down by
 * one. Rather than trusting a version number, {@link #probe} asks the loaded library: it creates a
 * one-element tensor of the old F32 code and reads its byte size (4 for F32, 8 when that code now means
 * F64).
 */
final class ElementTypes {
    // codes in the older numbering (ov_common.h of 2024: UNDEFINED, DYNAMIC, BOOLEAN, BF16, F16, F32, F64,
    // I4, I8, I16, I32, I64, U1, U2, U3, U4, U6, U8, U16, U32, U64, NF4, F8E4M3, F8E5M2, STRING, F4E2M1, F8E8M0)
    private static final int BOOLEAN = 2;
    private static final int BF16 = 3;
    private static final int F16 = 4;
    private static final int F32 = 5;
    private static final int F64 = 6;
    private static final int I8 = 8;
    private static final int I16 = 9;
    private static final int I32 = 10;
    private static final int I64 = 11;
    private static final int U8 = 17;
    private static final int U16 = 18;
    private static final int U32 = 19;
    private static final int U64 = 20;
    private static final int STRING = 24;

    private static final String[] NAMES = {
        "undefined",
        "dynamic",
        "boolean",
        "bf16",
        "f16",
        "f32",
        "f64",
        "i4",
        "i8",
        "i16",
        "i32",
        "i64",
        "u1",
        "u2",
        "u3",
        "u4",
        "u6",
        "u8",
        "u16",
        "u32",
        "u64",
        "nf4",
        "f8e4m3",
        "f8e5m2",
        "string",
        "f4e2m1",
        "f8e8m0"
    };

    /** 0 for the older numbering, 1 for the one without UNDEFINED. */
    private final int shift;

    private ElementTypes(int shift) {
        this.shift = shift;
    }

    /**
     * Finds which numbering the loaded library uses.
     *
     * @param runtime the library
     * @return the mapping for it
     */
    static ElementTypes probe(OpenVinoRuntime runtime) {
        Memory dims = new Memory(8);
        dims.setLong(0, 1);
        OpenVinoC.Shape.ByValue shape = new OpenVinoC.Shape.ByValue();
        shape.rank = 1;
        shape.dims = dims;
        PointerByReference tensor = new PointerByReference();
        runtime.check(runtime.api.ov_tensor_create(F32, shape, tensor), "create a probe tensor");
        try {
            LongByReference size = new LongByReference();
            runtime.check(runtime.api.ov_tensor_get_byte_size(tensor.getValue(), size), "size a probe tensor");
            return new ElementTypes(size.getValue() == 4 ? 0 : 1);
        } finally {
            runtime.api.ov_tensor_free(tensor.getValue());
        }
    }

    /**
     * The V2 datatype of an OpenVINO element type.
     *
     * @param code the library's {@code ov_element_type_e}
     * @return the datatype, or empty for types the V2 binary layout cannot hold (string, sub-byte, fp8)
     */
    Optional<DataType> dataType(int code) {
        return Optional.ofNullable(
                switch (code + shift) {
                    case BOOLEAN -> DataType.BOOL;
                    case BF16 -> DataType.BF16;
                    case F16 -> DataType.FP16;
                    case F32 -> DataType.FP32;
                    case F64 -> DataType.FP64;
                    case I8 -> DataType.INT8;
                    case I16 -> DataType.INT16;
                    case I32 -> DataType.INT32;
                    case I64 -> DataType.INT64;
                    case U8 -> DataType.UINT8;
                    case U16 -> DataType.UINT16;
                    case U32 -> DataType.UINT32;
                    case U64 -> DataType.UINT64;
                    default -> null;
                });
    }

    /**
     * The OpenVINO element type of a V2 datatype.
     *
     * @param type the datatype
     * @return the library's {@code ov_element_type_e}
     */
    int code(DataType type) {
        int code = switch (type) {
            case BOOL -> BOOLEAN;
            case BF16 -> BF16;
            case FP16 -> F16;
            case FP32 -> F32;
            case FP64 -> F64;
            case INT8 -> I8;
            case INT16 -> I16;
            case INT32 -> I32;
            case INT64 -> I64;
            case UINT8 -> U8;
            case UINT16 -> U16;
            case UINT32 -> U32;
            case UINT64 -> U64;
            case BYTES -> STRING;
        };
        return code - shift;
    }

    /**
     * Whether a code is OpenVINO's string type.
     *
     * @param code the library's {@code ov_element_type_e}
     * @return true for strings
     */
    boolean isString(int code) {
        return code + shift == STRING;
    }

    /**
     * OpenVINO's name for an element type, for error messages.
     *
     * @param code the library's {@code ov_element_type_e}
     * @return e.g. {@code string}
     */
    String name(int code) {
        int index = code + shift;
        return index >= 0 && index < NAMES.length ? NAMES[index] : "element type " + code;
    }
}
