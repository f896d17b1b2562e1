package io.mlops.tracking.http;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A path in the proxied artifact store under a logged model's artifact root:
 * {@code <experiment id>/models/<model id>/artifacts[/<file>]}, where MLflow's server puts them.
 *
 * @param experimentId the experiment's id
 * @param modelId the logged model's id
 * @param file the path under the model's artifact root, empty for the root itself
 */
record ModelArtifactPath(String experimentId, String modelId, String file) {
    private static final Pattern EXPERIMENT_ID = Pattern.compile("\\d{1,19}");
    private static final Pattern MODEL_ID = Pattern.compile("m-[0-9a-f]{32}");

    /**
     * Reads a safe path as a logged model's artifact path.
     *
     * @param path a path from {@link ArtifactPath#safe}
     * @return the model artifact path, or null when the path is not inside a logged model's root
     */
    static ModelArtifactPath of(String path) {
        List<String> segments = List.of(path.split("/", 5));
        if (segments.size() < 4
                || !EXPERIMENT_ID.matcher(segments.get(0)).matches()
                || !segments.get(1).equals("models")
                || !MODEL_ID.matcher(segments.get(2)).matches()
                || !segments.get(3).equals("artifacts")) {
            return null;
        }
        return new ModelArtifactPath(segments.get(0), segments.get(2), segments.size() == 5 ? segments.get(4) : "");
    }
}
