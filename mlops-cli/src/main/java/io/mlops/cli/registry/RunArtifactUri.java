package io.mlops.cli.registry;

import io.mlops.error.UserError;

/**
 * A run artifact's URI as MLflow writes it, {@code runs:/<run id>/<path>}.
 *
 * @param runId the run
 * @param path the artifact's path under the run's artifact root
 */
record RunArtifactUri(String runId, String path) {
    private static final String SCHEME = "runs:/";

    static RunArtifactUri parse(String uri) {
        if (uri == null || !uri.startsWith(SCHEME)) {
            throw new UserError("'" + uri + "' is no run artifact: expected runs:/<run id>/<path>");
        }
        String rest = uri.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1) {
            throw new UserError("'" + uri + "' names no artifact: expected runs:/<run id>/<path>");
        }
        return new RunArtifactUri(rest.substring(0, slash), rest.substring(slash + 1));
    }
}
