package io.mlops.agent.backend.onnxruntime;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.TensorInfo.OnnxTensorType;
import io.mlops.error.UserError;
import io.mlops.protocol.v2.DataType;

/**
 * How the V2 datatypes map onto ONNX Runtime's element types. The byte layouts agree for every
 * numeric type (both little-endian on the hosts ONNX Runtime ships for), so tensors cross as bytes.
 */
final class OrtTypes {
    private OrtTypes() {}

    /**
     * The V2 datatype of a model's declared element type.
     *
     * @param type ONNX Runtime's element type
     * @param tensor the tensor's name, for the message
     * @return the V2 datatype
     * @throws UserError for element types V2 cannot carry (complex numbers, 8-bit floats)
     */
    static DataType dataType(OnnxTensorType type, String tensor) {
        return switch (type) {
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_BOOL -> DataType.BOOL;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT8 -> DataType.UINT8;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT16 -> DataType.UINT16;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT32 -> DataType.UINT32;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT64 -> DataType.UINT64;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT8 -> DataType.INT8;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT16 -> DataType.INT16;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT32 -> DataType.INT32;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64 -> DataType.INT64;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT16 -> DataType.FP16;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT -> DataType.FP32;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_DOUBLE -> DataType.FP64;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_BFLOAT16 -> DataType.BF16;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_STRING -> DataType.BYTES;
            default ->
                throw new UserError("tensor '" + tensor + "' has element type " + type
                        + ", which the KServe V2 protocol cannot carry");
        };
    }

    /**
     * The Java-side type ONNX Runtime builds an input tensor of.
     *
     * @param type the V2 datatype
     * @param tensor the input's name, for the message
     * @return ONNX Runtime's Java type
     * @throws UserError for unsigned 16-, 32- and 64-bit inputs, which ONNX Runtime's Java API cannot
     *     create (its outputs of those types are read fine)
     */
    static OnnxJavaType inputType(DataType type, String tensor) {
        return switch (type) {
            case BOOL -> OnnxJavaType.BOOL;
            case UINT8 -> OnnxJavaType.UINT8;
            case INT8 -> OnnxJavaType.INT8;
            case INT16 -> OnnxJavaType.INT16;
            case INT32 -> OnnxJavaType.INT32;
            case INT64 -> OnnxJavaType.INT64;
            case FP16 -> OnnxJavaType.FLOAT16;
            case FP32 -> OnnxJavaType.FLOAT;
            case FP64 -> OnnxJavaType.DOUBLE;
            case BF16 -> OnnxJavaType.BFLOAT16;
            case BYTES -> OnnxJavaType.STRING;
            case UINT16, UINT32, UINT64 ->
                throw new UserError(
                        "input '" + tensor + "' is " + type
                                + ", which ONNX Runtime's Java API cannot create; cast the input to a signed type in the model");
        };
    }
}
