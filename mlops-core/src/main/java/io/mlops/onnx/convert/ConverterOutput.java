package io.mlops.onnx.convert;

import java.nio.file.Path;

/**
 * What a converter script produced.
 *
 * @param onnx the converted model (in the work directory)
 * @param inputs the inputs fed to the source model (.npz, by ONNX input name)
 * @param reference the source model's outputs on them (.npz, by ONNX output name)
 * @param converter the converter and its version, e.g. {@code skl2onnx 1.20.0}
 * @param frameworkVersion the framework and its version
 * @param opset the opset the converter targeted
 * @param log what the converter printed on stderr (its warnings)
 */
public record ConverterOutput(
        Path onnx, Path inputs, Path reference, String converter, String frameworkVersion, int opset, String log) {}
