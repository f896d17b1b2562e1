package io.mlops.onnx.convert;

import io.mlops.error.UserError;
import io.mlops.onnx.Optimization;
import io.mlops.onnx.RuntimeSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What to convert and how to prove it.
 *
 * @param converter the framework's converter
 * @param model the trained model (file or SavedModel directory)
 * @param out where the ONNX model goes
 * @param opset the opset to target, 0 for the converter's newest that ONNX Runtime supports
 * @param sampleInput a .npy/.npz input for the proof (and for tracing), or null to generate one
 * @param python the Python interpreter of the user's environment
 * @param modelClass {@code module:Class} for PyTorch state dicts, or null
 * @param tolerance the tolerance for outputs not named in {@code outputTolerances}
 * @param outputTolerances tolerances by output name
 * @param optimization offline graph optimization of the saved model; NONE saves it as converted
 */
public record ConversionRequest(
        Converter converter,
        Path model,
        Path out,
        int opset,
        Path sampleInput,
        Path python,
        String modelClass,
        Tolerance tolerance,
        Map<String, Tolerance> outputTolerances,
        Optimization optimization) {
    /** Validates the request. */
    public ConversionRequest {
        if (converter == null || model == null || out == null || python == null || tolerance == null) {
            throw new IllegalArgumentException("converter, model, out, python and tolerance are required");
        }
        if (!Files.exists(model)) {
            throw new UserError("no such model: " + model);
        }
        if (sampleInput != null && !Files.isRegularFile(sampleInput)) {
            throw new UserError("no such sample input: " + sampleInput);
        }
        if (opset != 0 && (opset < RuntimeSupport.MIN_OPSET || opset > RuntimeSupport.MAX_OPSET)) {
            throw new UserError("opset " + opset + " is outside what ONNX Runtime supports (" + RuntimeSupport.MIN_OPSET
                    + " to " + RuntimeSupport.MAX_OPSET + ")");
        }
        if (Files.isDirectory(out)) {
            throw new UserError("--out " + out + " is a directory; name the .onnx file to write");
        }
        outputTolerances = Map.copyOf(outputTolerances);
        optimization = optimization == null ? Optimization.NONE : optimization;
    }
}
