package io.mlops.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.mlops.error.UserError;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Offline graph optimization: ONNX Runtime loads the model at a level and saves the rewritten
 * graph, so serving starts faster and the equality proof can check the rewrite.
 */
public final class GraphOptimizer {
    private GraphOptimizer() {}

    /**
     * Writes an optimized copy of a model.
     *
     * @param model the model
     * @param level the optimization level
     * @param out where the optimized model goes
     * @throws UserError when ONNX Runtime cannot optimize the model
     */
    public static void optimize(Path model, Optimization level, Path out) {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options =
                        ModelSession.options(environment, new SessionSettings(Device.CPU, 1, level), out);
                OrtSession ignored = environment.createSession(model.toString(), options)) {
            if (!Files.isRegularFile(out)) {
                throw new UserError("ONNX Runtime did not write the optimized model " + out);
            }
        } catch (OrtException e) {
            throw new UserError(
                    "ONNX Runtime cannot optimize " + model + " at level " + level + ": " + e.getMessage(), e);
        }
    }
}
