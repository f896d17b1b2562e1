package io.mlops.eval;

import io.mlops.error.UserError;
import io.mlops.eval.data.DataSpec;
import io.mlops.eval.gate.Gate;
import io.mlops.onnx.SessionSettings;
import java.nio.file.Path;
import java.util.List;

/**
 * What to evaluate and how.
 *
 * @param model the ONNX model
 * @param data where the evaluation set is
 * @param task the task
 * @param preprocessing the preprocessing ({@link Preprocessing#DEFAULTS} without a file)
 * @param preprocessingFile the file it came from, kept in the report, or null
 * @param batch samples per model run
 * @param gates the gates of the verdict
 * @param baseline a baseline model file or registry alias, or null
 * @param shard the part of the set to evaluate
 * @param onError what to do with unreadable samples
 * @param session ONNX Runtime settings (device, threads)
 * @param workers threads that read and preprocess samples
 */
public record EvaluationRequest(
        Path model,
        DataSpec data,
        Task task,
        Preprocessing preprocessing,
        Path preprocessingFile,
        int batch,
        List<Gate> gates,
        String baseline,
        Shard shard,
        OnError onError,
        SessionSettings session,
        int workers) {
    /** Validates the request. */
    public EvaluationRequest {
        if (model == null || data == null || task == null || preprocessing == null || session == null) {
            throw new IllegalArgumentException("model, data, task, preprocessing and session are required");
        }
        if (batch < 1) {
            throw new UserError("--batch must be at least 1, got " + batch);
        }
        if (workers < 1) {
            throw new UserError("workers must be at least 1, got " + workers);
        }
        gates = List.copyOf(gates);
        shard = shard == null ? Shard.ALL : shard;
        onError = onError == null ? OnError.FAIL : onError;
    }
}
