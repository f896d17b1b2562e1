package io.mlops.jenkins.steps;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.AbortException;
import hudson.model.Cause;
import hudson.model.Computer;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.mlops.deploy.BackendChoice;
import io.mlops.deploy.BundleSources;
import io.mlops.deploy.DeployRequest;
import io.mlops.deploy.Deployer;
import io.mlops.deploy.DeploymentOutcome;
import io.mlops.error.UserError;
import io.mlops.jenkins.ConsoleProgress;
import io.mlops.jenkins.MlopsStores;
import io.mlops.jenkins.config.InferenceAgent;
import io.mlops.jenkins.config.MlopsConfiguration;
import io.mlops.registry.DirectoryVersionFiles;
import io.mlops.registry.VersionFiles;
import io.mlops.suite.SuiteStores;
import java.util.List;
import java.util.Optional;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/** The deployTo step's work: find the agent and its token, deploy, record on the build. */
final class ModelDeployment {
    /** The port an inference agent listens on unless told otherwise. */
    static final int AGENT_PORT = 8000;

    private final DeployToStep step;
    private final Run<?, ?> run;
    private final Computer computer;
    private final TaskListener listener;

    ModelDeployment(DeployToStep step, Run<?, ?> run, Computer computer, TaskListener listener) {
        this.step = step;
        this.run = run;
        this.computer = computer;
        this.listener = listener;
    }

    String deploy() throws Exception {
        Optional<InferenceAgent> configured = step.getAgent() == null
                ? Optional.empty()
                : MlopsConfiguration.get().agent(step.getAgent());
        String url = configured.map(InferenceAgent::getUrl).orElseGet(this::agentUrl);
        String credentialsId = step.getCredentialsId() != null
                ? step.getCredentialsId()
                : configured.map(InferenceAgent::getCredentialsId).orElse(null);
        if (url == null) {
            throw new AbortException("deployTo: agent '" + step.getAgent() + "' is neither a configured inference agent"
                    + " (Manage Jenkins » System » MLOps) nor an http(s) URL");
        }
        if (credentialsId == null) {
            throw new AbortException(
                    "deployTo needs credentialsId: the secret text credential with the agent's" + " admin token");
        }
        StringCredentials token =
                CredentialsProvider.findCredentialById(credentialsId, StringCredentials.class, run, List.of());
        if (token == null) {
            throw new AbortException("deployTo: no secret text credential '" + credentialsId + "' for this job");
        }
        DeploymentOutcome outcome;
        try {
            DeployRequest request = new DeployRequest(
                    url,
                    token.getSecret().getPlainText(),
                    step.getModel(),
                    step.getBackend(),
                    step.getDevice(),
                    step.getCanary(),
                    step.getWatch());
            // The deployment records itself in the registry at its end: the stores stay open until then.
            try (SuiteStores.Reference reference = MlopsStores.get().acquire()) {
                // a version that is an MLflow model directory deploys its ONNX file, kept with this build
                VersionFiles files = new DirectoryVersionFiles(
                        reference.stores().registry(),
                        reference.stores().blobs(),
                        VersionFiles.registeredFiles(),
                        run.getRootDir().toPath().resolve("mlops-deploy"));
                Deployer deployer = new Deployer(
                        reference.stores().registry(),
                        files,
                        BundleSources.none(),
                        actor(),
                        Deployer.DEFAULT_MAX_ERROR_RATE);
                // backend: 'auto' asks the agent's report; the log says which backend and why
                BackendChoice choice = deployer.chooseBackend(request);
                if (request.autoBackend()) {
                    listener.getLogger().println("[mlops] deployTo " + choice.describe());
                }
                outcome = deployer.deploy(request.withBackend(choice.backend()), new ConsoleProgress(listener));
            }
        } catch (UserError e) {
            throw new AbortException(e.getMessage());
        }
        run.addAction(new DeploymentAction(outcome));
        if (outcome.rolledBack()) {
            throw new AbortException("deployTo: the agent rolled " + outcome.model() + " v" + outcome.version()
                    + " back: " + outcome.reason());
        }
        listener.getLogger()
                .println("[mlops] " + outcome.model() + " v" + outcome.version() + " live on " + outcome.endpoint());
        return outcome.endpoint();
    }

    /** An explicit URL, or the agent on the node this step runs on. */
    private String agentUrl() {
        if (step.getAgent() != null) {
            return step.getAgent().startsWith("http://") || step.getAgent().startsWith("https://")
                    ? step.getAgent()
                    : null;
        }
        try {
            String host = computer == null ? null : computer.getHostName();
            return host == null ? null : "http://" + host + ":" + AGENT_PORT;
        } catch (Exception e) {
            return null;
        }
    }

    private String actor() {
        Cause.UserIdCause cause = run.getCause(Cause.UserIdCause.class);
        return cause == null || cause.getUserId() == null ? "jenkins:" + run.getExternalizableId() : cause.getUserId();
    }
}
