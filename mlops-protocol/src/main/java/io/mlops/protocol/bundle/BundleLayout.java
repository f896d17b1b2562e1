package io.mlops.protocol.bundle;

import java.util.List;

/**
 * The files of a deployment bundle, the zip {@code mlops deploy} builds and the agent unpacks into
 * a version's directory: all at the top level, {@link #MODEL} required, the rest optional. One
 * place for the names, so that the writer and the reader cannot drift apart.
 */
public final class BundleLayout {
    /** The ONNX model; the only required entry. */
    public static final String MODEL = "model.onnx";

    /** The registry's facts about the version (model, version, hash, metrics), for people and the demo page. */
    public static final String MODEL_CARD = "model-card.json";

    /** The user's preprocessing description, passed through for clients and the demo page. */
    public static final String PREPROCESSING = "preprocessing.json";

    /** The reference distribution of each numeric input, read by the agent's drift monitor. */
    public static final String REFERENCE_STATS = "reference-stats.json";

    /** A V2 JSON infer request the agent warms the version up with and {@code mlops deploy} smoke-tests. */
    public static final String SAMPLE_INPUT = "sample-input.json";

    /**
     * The class labels of a classifier, one a line in output-index order, for the classification
     * extension ({@code class_count}); in a bundle, or shared by all versions in the model's directory.
     */
    public static final String LABELS = "labels.txt";

    /**
     * A model's or version's batching settings in the agent's repository ({@code <model>/config.json}
     * or {@code <model>/<version>/config.json}); written by the operator, never part of a bundle.
     */
    public static final String BATCH_CONFIG = "config.json";

    /** Every entry a bundle may hold, in the order the builder writes them. */
    public static final List<String> ENTRIES =
            List.of(MODEL, MODEL_CARD, PREPROCESSING, REFERENCE_STATS, SAMPLE_INPUT, LABELS);

    private BundleLayout() {}
}
