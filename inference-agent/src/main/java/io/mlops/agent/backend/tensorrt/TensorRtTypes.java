package io.mlops.agent.backend.tensorrt;

import io.mlops.error.UserError;
import io.mlops.protocol.v2.DataType;

/** Maps TensorRT's tensor data types to V2 datatypes. */
final class TensorRtTypes {
    private TensorRtTypes() {}

    /**
     * The V2 datatype of a TensorRT data type.
     *
     * @param type TensorRT's {@code DataType}
     * @param tensor the tensor, for the error message
     * @return the datatype
     * @throws UserError for types the V2 binary layout cannot hold (FP8, INT4, FP4, E8M0)
     */
    static DataType of(org.bytedeco.tensorrt.global.nvinfer.DataType type, String tensor) {
        return switch (type) {
            case kFLOAT -> DataType.FP32;
            case kHALF -> DataType.FP16;
            case kBF16 -> DataType.BF16;
            case kINT8 -> DataType.INT8;
            case kINT32 -> DataType.INT32;
            case kINT64 -> DataType.INT64;
            case kBOOL -> DataType.BOOL;
            case kUINT8 -> DataType.UINT8;
            default ->
                throw new UserError("tensor '" + tensor + "' has TensorRT type " + type
                        + ", which the tensorrt backend does not serve");
        };
    }
}
