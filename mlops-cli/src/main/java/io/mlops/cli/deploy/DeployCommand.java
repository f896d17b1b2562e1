package io.mlops.cli.deploy;

import io.mlops.cli.MlopsCommand;
import io.mlops.cli.Output;
import io.mlops.cli.TerminalProgress;
import io.mlops.cli.server.StoreOptions;
import io.mlops.deploy.BackendChoice;
import io.mlops.deploy.BundleSources;
import io.mlops.deploy.DeployRequest;
import io.mlops.deploy.Deployer;
import io.mlops.deploy.DeploymentOutcome;
import io.mlops.error.UserError;
import io.mlops.registry.DirectoryVersionFiles;
import io.mlops.suite.SuiteStores;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code mlops deploy}: ship a registry version to an inference agent and record the outcome. */
@Command(
        name = "deploy",
        mixinStandardHelpOptions = true,
        description = {
            "Deploy a registered model version to an inference agent: upload the bundle (model, card, preprocessing,"
                    + " reference statistics, sample input), wait until it is loaded, smoke-test it with the sample"
                    + " input, switch traffic (or a canary share) to it, watch it, and record the deployment or the"
                    + " rollback with its reason in the registry.",
            "Exit status: 0 deployed, 1 failed or rolled back (whatever served before keeps serving), 2 bad usage.",
            "The registry's audit log records the deployment as made by $USER (\"unknown\" when unset)."
        })
public final class DeployCommand implements Callable<Integer> {
    @ParentCommand
    private MlopsCommand root;

    @Spec
    private CommandSpec spec;

    @Mixin
    private StoreOptions storeOptions;

    @Option(names = "--agent", required = true, paramLabel = "URL", description = "The agent, e.g. http://gpu-1:8000.")
    private String agent;

    @Option(
            names = "--token-file",
            required = true,
            paramLabel = "FILE",
            description = "A file holding the agent's admin token (never printed).")
    private Path tokenFile;

    @Option(
            names = "--inference-token-file",
            paramLabel = "FILE",
            description = "A file holding the token of the agent's V2 endpoints, when it was started with"
                    + " --inference-token-file; the smoke test needs it (never printed).")
    private Path inferenceTokenFile;

    @Option(
            names = "--model",
            required = true,
            paramLabel = "REF",
            description = "NAME@alias, NAME:version, or NAME for the latest ready version.")
    private String model;

    @Option(
            names = "--backend",
            required = true,
            paramLabel = "NAME",
            description = "onnxruntime, openvino, tensorrt, or auto: the agent's report chooses (tensorrt on an"
                    + " NVIDIA GPU, openvino on Intel hardware, onnxruntime otherwise) and the choice is printed"
                    + " with its reason.")
    private String backend;

    @Option(names = "--device", paramLabel = "DEVICE", description = "e.g. cpu, cuda:0, GPU; default: the backend's.")
    private String device;

    @Option(
            names = "--canary",
            paramLabel = "PERCENT",
            description = "Send this share of requests to the new version during the watch (1-100; default 100,"
                    + " a full switch). The agent promotes it when the watch passes.")
    private int canary = 100;

    @Option(
            names = "--watch",
            paramLabel = "SECONDS",
            description = "Watch the new version's error rate this long; the agent rolls back above"
                    + " --max-error-rate (default 0: no watch).")
    private int watch;

    @Option(
            names = "--max-error-rate",
            paramLabel = "RATE",
            description = "The error rate (0-1, over at least 20 requests) that rolls back during the watch."
                    + " Default: 0.05.")
    private double maxErrorRate = Deployer.DEFAULT_MAX_ERROR_RATE;

    @Option(
            names = "--sample-input",
            paramLabel = "FILE",
            description = "A V2 JSON infer request for warm-up and the smoke test. Default: zeros in the"
                    + " model's input shapes, batch 1.")
    private Path sampleInput;

    @Option(
            names = "--reference",
            paramLabel = "FILE",
            description = "Reference data for the agent's drift bins: a V2 JSON infer request (.json) or a"
                    + " NumPy array (.npy, one-input models). Default: the sample input.")
    private Path reference;

    @Option(
            names = "--preprocessing",
            paramLabel = "FILE",
            description = "A preprocessing.json to ship with the model.")
    private Path preprocessing;

    @Override
    public Integer call() {
        checkUsage();
        DeployRequest request = new DeployRequest(agent, token(tokenFile), model, backend, device, canary, watch);
        String inferenceToken = inferenceTokenFile == null ? null : token(inferenceTokenFile);
        Path scratch = scratchDirectory();
        try (SuiteStores store = storeOptions.open(root.home(), root.environment())) {
            Deployer deployer = new Deployer(
                            store.registry(),
                            new DirectoryVersionFiles(
                                    store.registry(),
                                    store.blobs(),
                                    new StoreVersionFiles(store.blobs(), store.artifacts(), scratch),
                                    scratch),
                            new BundleSources(preprocessing, sampleInput, reference),
                            actor(),
                            maxErrorRate)
                    .withInferenceToken(inferenceToken);
            BackendChoice choice = deployer.chooseBackend(request);
            if (request.autoBackend()) {
                spec.commandLine().getErr().println(choice.describe());
                spec.commandLine().getErr().flush();
            }
            DeploymentOutcome outcome = deployer.deploy(
                    request.withBackend(choice.backend()),
                    TerminalProgress.forTerminal(spec.commandLine().getErr()));
            new Output(spec.commandLine().getOut(), root.json()).result(outcome, describe(outcome));
            return outcome.rolledBack() ? 1 : 0;
        } finally {
            remove(scratch);
        }
    }

    private void checkUsage() {
        if (!DeployRequest.BACKENDS.contains(backend) && !DeployRequest.AUTO.equals(backend)) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--backend must be onnxruntime, openvino, tensorrt or auto, not '" + backend + "'");
        }
        if (canary < 1 || canary > 100) {
            throw new ParameterException(spec.commandLine(), "--canary must be 1 to 100 percent, not " + canary);
        }
        if (watch < 0) {
            throw new ParameterException(spec.commandLine(), "--watch must be 0 or more seconds, not " + watch);
        }
        if (!(maxErrorRate >= 0 && maxErrorRate <= 1)) {
            throw new ParameterException(spec.commandLine(), "--max-error-rate must be 0 to 1, not " + maxErrorRate);
        }
    }

    private static String token(Path file) {
        String token;
        try {
            token = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UserError("cannot read the token file " + file + ": " + e.getMessage(), e);
        }
        if (token.isEmpty()) {
            throw new UserError("the token file " + file + " is empty");
        }
        return token;
    }

    private String actor() {
        String user = root.environment().get("USER");
        return user == null || user.isBlank() ? "unknown" : user;
    }

    private static String describe(DeploymentOutcome outcome) {
        String where = outcome.model() + " v" + outcome.version() + " on " + outcome.backend() + "@" + outcome.node();
        return outcome.rolledBack()
                ? where + " was rolled back: " + outcome.reason()
                : where + " is live at " + outcome.endpoint();
    }

    private static Path scratchDirectory() {
        try {
            return Files.createTempDirectory("mlops-deploy-");
        } catch (IOException e) {
            throw new UserError("cannot create a temporary directory: " + e.getMessage(), e);
        }
    }

    private static void remove(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // A leftover copy in the temporary directory is harmless.
        }
    }
}
