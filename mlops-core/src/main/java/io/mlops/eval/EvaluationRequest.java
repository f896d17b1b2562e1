package io.mlops.eval;

import io.mlops.error.UserError;
import io.mlops.eval.data.DataSpec;
import io.mlops.eval.gate.Gate;
import io.mlops.image.Preprocessing;
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

    /**
     * A builder with the defaults of the command line: no preprocessing file, batch 1, no gates, no
     * baseline, the whole set, failing on an unreadable sample, one worker.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this request's parts, for a request that differs in one.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return builder()
                .model(model)
                .data(data)
                .task(task)
                .preprocessing(preprocessing, preprocessingFile)
                .batch(batch)
                .gates(gates)
                .baseline(baseline)
                .shard(shard)
                .onError(onError)
                .session(session)
                .workers(workers);
    }

    /** Builds a request by name, so that its twelve parts cannot be swapped by position. */
    public static final class Builder {
        private Path model;
        private DataSpec data;
        private Task task;
        private Preprocessing preprocessing = Preprocessing.DEFAULTS;
        private Path preprocessingFile;
        private int batch = 1;
        private List<Gate> gates = List.of();
        private String baseline;
        private Shard shard = Shard.ALL;
        private OnError onError = OnError.FAIL;
        private SessionSettings session;
        private int workers = 1;

        private Builder() {}

        /**
         * Sets the model (required).
         *
         * @param value the ONNX model file
         * @return this builder
         */
        public Builder model(Path value) {
            this.model = value;
            return this;
        }

        /**
         * Sets the evaluation set (required).
         *
         * @param value where the set is
         * @return this builder
         */
        public Builder data(DataSpec value) {
            this.data = value;
            return this;
        }

        /**
         * Sets the task (required).
         *
         * @param value the task
         * @return this builder
         */
        public Builder task(Task value) {
            this.task = value;
            return this;
        }

        /**
         * Sets the preprocessing and the file it came from.
         *
         * @param value the preprocessing
         * @param file the file it was read from, or null
         * @return this builder
         */
        public Builder preprocessing(Preprocessing value, Path file) {
            this.preprocessing = value;
            this.preprocessingFile = file;
            return this;
        }

        /**
         * Sets the preprocessing from a file, or the defaults for null.
         *
         * @param file the preprocessing file, or null
         * @return this builder
         * @throws UserError when the file cannot be read
         */
        public Builder preprocessingFile(Path file) {
            return preprocessing(file == null ? Preprocessing.DEFAULTS : Preprocessing.read(file), file);
        }

        /**
         * Sets the samples per model run.
         *
         * @param value at least 1
         * @return this builder
         */
        public Builder batch(int value) {
            this.batch = value;
            return this;
        }

        /**
         * Sets the gates of the verdict.
         *
         * @param value the gates
         * @return this builder
         */
        public Builder gates(List<Gate> value) {
            this.gates = value;
            return this;
        }

        /**
         * Sets the baseline.
         *
         * @param value a baseline model file or registry alias, or null
         * @return this builder
         */
        public Builder baseline(String value) {
            this.baseline = value;
            return this;
        }

        /**
         * Sets the part of the set to evaluate.
         *
         * @param value the shard
         * @return this builder
         */
        public Builder shard(Shard value) {
            this.shard = value;
            return this;
        }

        /**
         * Sets what to do with unreadable samples.
         *
         * @param value fail or skip
         * @return this builder
         */
        public Builder onError(OnError value) {
            this.onError = value;
            return this;
        }

        /**
         * Sets the ONNX Runtime settings (required).
         *
         * @param value device, threads, optimization
         * @return this builder
         */
        public Builder session(SessionSettings value) {
            this.session = value;
            return this;
        }

        /**
         * Sets the threads that read and preprocess samples.
         *
         * @param value at least 1
         * @return this builder
         */
        public Builder workers(int value) {
            this.workers = value;
            return this;
        }

        /**
         * Builds the request.
         *
         * @return the request
         * @throws IllegalArgumentException naming the required parts that were not set
         * @throws UserError when batch or workers is below 1
         */
        public EvaluationRequest build() {
            List<String> missing = new java.util.ArrayList<>();
            if (model == null) {
                missing.add("model");
            }
            if (data == null) {
                missing.add("data");
            }
            if (task == null) {
                missing.add("task");
            }
            if (preprocessing == null) {
                missing.add("preprocessing");
            }
            if (session == null) {
                missing.add("session");
            }
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("an evaluation request needs " + String.join(", ", missing));
            }
            return new EvaluationRequest(
                    model,
                    data,
                    task,
                    preprocessing,
                    preprocessingFile,
                    batch,
                    gates == null ? List.of() : gates,
                    baseline,
                    shard,
                    onError,
                    session,
                    workers);
        }
    }
}
