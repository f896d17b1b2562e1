package io.mlops.jenkins.tracking;

import hudson.EnvVars;
import hudson.util.Secret;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;

/**
 * The MLflow variables a trackRun body sees. The token is kept as a {@link Secret}, so the
 * pipeline's saved program holds it encrypted, and it is declared sensitive, so Pipeline warns
 * when a script interpolates it into a command line.
 */
final class TrackingEnvironment extends EnvironmentExpander {
    private static final long serialVersionUID = 1L;

    /** The variable with the build-scoped token. */
    static final String TOKEN = "MLFLOW_TRACKING_TOKEN";

    private final String trackingUri;
    private final String runId;
    private final String experiment;
    private final Secret token;

    TrackingEnvironment(String trackingUri, String runId, String experiment, Secret token) {
        this.trackingUri = trackingUri;
        this.runId = runId;
        this.experiment = experiment;
        this.token = token;
    }

    @Override
    public void expand(EnvVars env) {
        env.override("MLFLOW_TRACKING_URI", trackingUri);
        env.override("MLFLOW_RUN_ID", runId);
        env.override("MLFLOW_EXPERIMENT_NAME", experiment);
        env.override(TOKEN, token.getPlainText());
    }

    @Override
    public Set<String> getSensitiveVariables() {
        return Set.of(TOKEN);
    }
}
