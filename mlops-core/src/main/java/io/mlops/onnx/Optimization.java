package io.mlops.onnx;

import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;

/** ONNX Runtime's graph optimization levels, as {@code --optimize} names them. */
public enum Optimization {
    /** No graph rewriting: the model runs as exported. */
    NONE(OptLevel.NO_OPT),
    /** Constant folding and redundant-node elimination. */
    BASIC(OptLevel.BASIC_OPT),
    /** Basic plus node fusions (GELU, attention, ...). */
    EXTENDED(OptLevel.EXTENDED_OPT),
    /** Everything, layout changes included. */
    ALL(OptLevel.ALL_OPT);

    private final OptLevel level;

    Optimization(OptLevel level) {
        this.level = level;
    }

    /**
     * The ONNX Runtime level.
     *
     * @return the level
     */
    public OptLevel level() {
        return level;
    }
}
