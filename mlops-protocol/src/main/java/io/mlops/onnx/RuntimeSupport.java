package io.mlops.onnx;

import ai.onnxruntime.OrtEnvironment;
import io.mlops.error.UserError;

/**
 * The operator-set versions the bundled ONNX Runtime executes. Checked before loading, because ONNX
 * Runtime's own message for a model stamped with a future opset is a warning followed by an
 * unrelated failure, or worse, a model that loads with missing kernels.
 */
public final class RuntimeSupport {
    /** The oldest default-domain opset ONNX Runtime supports. */
    public static final long MIN_OPSET = 7;

    /** The newest default-domain opset of the bundled ONNX Runtime (1.29 loads up to 26, refuses 27). */
    public static final long MAX_OPSET = 26;

    /** The newest ai.onnx.ml opset of the bundled ONNX Runtime. */
    public static final long MAX_ML_OPSET = 5;

    private RuntimeSupport() {}

    /**
     * Fails for a model whose opsets the runtime does not execute.
     *
     * @param model the parsed model
     * @throws UserError naming the opset and the supported range
     */
    public static void check(OnnxModelFile model) {
        for (Opset opset : model.opsets()) {
            long version = opset.version();
            if (Opset.DEFAULT_DOMAIN.equals(opset.domain()) && (version < MIN_OPSET || version > MAX_OPSET)) {
                throw unsupported(model, opset, MIN_OPSET + " to " + MAX_OPSET);
            }
            if ("ai.onnx.ml".equals(opset.domain()) && (version < 1 || version > MAX_ML_OPSET)) {
                throw unsupported(model, opset, "1 to " + MAX_ML_OPSET);
            }
        }
    }

    /**
     * The bundled ONNX Runtime's version.
     *
     * @return e.g. {@code 1.29.0}
     */
    public static String version() {
        return OrtEnvironment.getEnvironment().getVersion();
    }

    private static UserError unsupported(OnnxModelFile model, Opset opset, String range) {
        return new UserError(model.path() + " imports opset " + opset.version() + " of domain " + opset.domain()
                + ", which ONNX Runtime " + version() + " does not support (supported: " + range
                + "); convert again with --opset in that range");
    }
}
