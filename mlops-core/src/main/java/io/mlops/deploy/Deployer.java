package io.mlops.deploy;

import io.mlops.error.UserError;
import io.mlops.progress.ProgressListener;
import io.mlops.protocol.admin.ModelStatus;
import io.mlops.protocol.admin.Rollback;
import io.mlops.protocol.admin.VersionState;
import io.mlops.protocol.admin.VersionStatus;
import io.mlops.registry.Change;
import io.mlops.registry.Deployment;
import io.mlops.registry.DeploymentStatus;
import io.mlops.registry.ModelRegistry;
import io.mlops.registry.ModelVersion;
import io.mlops.registry.VersionFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Ships a registry version to an inference agent: resolve it, bundle it, upload it and wait until
 * it is loaded, smoke-test it with its sample input, switch traffic to it (fully or as a canary),
 * watch it, and record the outcome in the registry.
 *
 * <p>Until the switch nothing routes to the new version, so a refused upload or a failed smoke
 * test leaves whatever served before serving; the registry records the failure with its reason
 * and the deployment ends in {@link DeploymentFailed}. After the switch the agent itself watches
 * the error rate and rolls back; the deployer polls and records what the agent decided.
 */
public final class Deployer {
    /** The error rate above which the agent rolls a new version back, when none is given. */
    public static final double DEFAULT_MAX_ERROR_RATE = 0.05;

    /** After the watch the agent promotes a canary; this is how long to wait for it to show. */
    private static final Duration SETTLE = Duration.ofSeconds(10);

    private final ModelRegistry registry;
    private final VersionFiles files;
    private final BundleSources sources;
    private final String actor;
    private final double maxErrorRate;
    private final Duration poll;
    private final Clock clock;
    private final String inferenceToken;

    /**
     * Creates a deployer.
     *
     * @param registry where versions come from and deployments are recorded
     * @param files finds a version's model file on this machine
     * @param sources files the user adds to the bundle
     * @param actor who deploys, for the registry's audit log
     * @param maxErrorRate the new version's error rate above which the agent rolls back, 0 to 1
     */
    public Deployer(
            ModelRegistry registry, VersionFiles files, BundleSources sources, String actor, double maxErrorRate) {
        this(registry, files, sources, actor, maxErrorRate, Duration.ofSeconds(1), Clock.systemUTC(), null);
    }

    Deployer(
            ModelRegistry registry,
            VersionFiles files,
            BundleSources sources,
            String actor,
            double maxErrorRate,
            Duration poll,
            Clock clock,
            String inferenceToken) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.files = Objects.requireNonNull(files, "files");
        this.sources = Objects.requireNonNull(sources, "sources");
        this.actor = Change.by(actor).actor();
        if (!(maxErrorRate >= 0 && maxErrorRate <= 1)) {
            throw new UserError("the maximum error rate must be between 0 and 1: " + maxErrorRate);
        }
        this.maxErrorRate = maxErrorRate;
        this.poll = poll;
        this.clock = clock;
        this.inferenceToken = inferenceToken;
    }

    /**
     * The same deployer for an agent whose V2 endpoints need their own token ({@code
     * --inference-token-file} on the agent): the smoke test sends it instead of the admin token.
     *
     * @param token the inference token, never printed
     * @return the deployer
     */
    public Deployer withInferenceToken(String token) {
        return new Deployer(registry, files, sources, actor, maxErrorRate, poll, clock, token);
    }

    /**
     * The backend a request deploys with: the one it names, or for {@code auto} the one the agent's
     * report suits ({@link BackendChoice}), asked from the agent now.
     *
     * @param request what to deploy where
     * @return the concrete backend and why
     * @throws UserError when the agent cannot be reached or refuses the token
     */
    public BackendChoice chooseBackend(DeployRequest request) {
        if (!request.autoBackend()) {
            return BackendChoice.named(request.backend());
        }
        AgentClient agent = new AgentClient(request.agentUrl(), request.token(), inferenceToken);
        return BackendChoice.fromServerMetadata(agent.serverMetadata());
    }

    /**
     * Deploys a version.
     *
     * @param request what to deploy where; backend {@code auto} is chosen first with {@link
     *     #chooseBackend}, and the registry records the backend chosen
     * @param progress told about the upload and the watch
     * @return the outcome: live, or rolled back by the agent during the watch with its reason
     * @throws DeploymentFailed when the agent refused the bundle, the smoke test failed, or the agent
     *     was lost before the deployment ended (recorded FAILED)
     * @throws UserError when the model reference, the token or the agent URL is wrong (nothing recorded)
     */
    public DeploymentOutcome deploy(DeployRequest request, ProgressListener progress) {
        if (request.autoBackend()) {
            return deploy(request.withBackend(chooseBackend(request).backend()), progress);
        }
        ModelVersion version = ModelRef.parse(request.modelRef()).resolve(registry);
        AgentClient agent = new AgentClient(request.agentUrl(), request.token(), inferenceToken);
        Place place = new Place(
                version, request.backend(), agent.base().getHost(), agent.base() + "/v2/models/" + version.model());
        // Reading the status first checks the URL and the token before anything is recorded.
        ModelStatus before = agent.status(version.model()).orElse(null);
        String servingBefore = before == null ? null : before.serving().primary();
        if (before != null
                && Integer.toString(version.version()).equals(servingBefore)
                && before.serving().canary() == null) {
            return alreadyServing(place, before.version(Integer.toString(version.version())), request);
        }
        Path bundleFile = temporaryBundle();
        String rollback;
        try {
            Bundle bundle = new BundleBuilder(sources).build(version, files.fileOf(version), bundleFile);
            record(
                    place,
                    DeploymentStatus.PENDING,
                    "deploying with " + request.backend()
                            + (request.device() == null ? "" : " on " + request.device()));
            rollback = deployRecorded(agent, place, request, bundle, bundleFile, servingBefore, progress);
        } finally {
            delete(bundleFile);
        }
        if (rollback != null) {
            record(place, DeploymentStatus.ROLLED_BACK, "rolled back by the agent during the watch: " + rollback);
            restore(
                    place,
                    agent.status(version.model())
                            .map(s -> s.serving().primary())
                            .orElse(null),
                    rollback);
            return place.outcome(true, rollback);
        }
        record(
                place,
                DeploymentStatus.RUNNING,
                request.canaryPercent() < 100 && request.watchSeconds() == 0
                        ? "canary at " + request.canaryPercent() + "% (no watch to promote it)"
                        : "live"
                                + (request.watchSeconds() > 0
                                        ? " after a " + request.watchSeconds() + " s watch"
                                        : ""));
        return place.outcome(false, null);
    }

    /**
     * Uploads, smoke-tests, switches and watches a deployment recorded PENDING. Whatever cuts it
     * short (the agent refusing, or the agent lost: killed, restarted, unreachable) is recorded
     * FAILED, never left PENDING: an agent that restarts takes such a deployment back and serves
     * the version that served before it.
     *
     * @return the agent's reason for rolling the version back during the watch, or null
     */
    private String deployRecorded(
            AgentClient agent,
            Place place,
            DeployRequest request,
            Bundle bundle,
            Path bundleFile,
            String servingBefore,
            ProgressListener progress) {
        try {
            upload(agent, place, request, bundleFile, servingBefore, progress);
            smokeTest(agent, place, bundle, servingBefore);
            ModelStatus switched;
            try {
                switched = agent.switchTo(
                        place.model(), place.version(), request.canaryPercent(), request.watchSeconds(), maxErrorRate);
            } catch (AgentError e) {
                throw fail(place, servingBefore, e.getMessage(), e);
            }
            return request.watchSeconds() == 0
                    ? null
                    : watch(agent, place, request.watchSeconds(), switched.lastRollback(), progress);
        } catch (DeploymentFailed e) {
            throw e;
        } catch (RuntimeException e) {
            throw fail(
                    place,
                    servingBefore,
                    "the deployment was cut short: " + e.getMessage()
                            + " (an agent that restarts takes the version back)",
                    e);
        }
    }

    /**
     * The version already takes all traffic there: uploading it again would replace a serving
     * version, so it is recorded as running when the backend matches and refused otherwise.
     */
    private DeploymentOutcome alreadyServing(Place place, VersionStatus state, DeployRequest request) {
        String backend = state == null ? null : state.backend();
        if (backend != null && !backend.equals(request.backend())) {
            throw new UserError("v" + place.version() + " of " + place.model() + " already serves on " + place.node()
                    + " with " + backend + "; deploy another version, or undeploy it first to change the backend");
        }
        record(place, DeploymentStatus.RUNNING, "already serving all traffic; nothing uploaded");
        return place.outcome(false, null);
    }

    private void upload(
            AgentClient agent,
            Place place,
            DeployRequest request,
            Path bundle,
            String servingBefore,
            ProgressListener progress) {
        try {
            ModelStatus loaded = agent.putVersion(
                    place.model(), place.version(), request.backend(), request.device(), bundle, progress);
            VersionStatus state = loaded.version(Integer.toString(place.version()));
            if (state == null || state.state() != VersionState.READY) {
                String why = state == null
                        ? "the agent does not list it after loading"
                        : "it is " + state.state() + (state.error() == null ? "" : ": " + state.error());
                throw fail(
                        place,
                        servingBefore,
                        "v" + place.version() + " did not become ready on the agent: " + why,
                        null);
            }
        } catch (AgentError e) {
            if (e.status() == 401 || e.status() == 403) {
                throw e;
            }
            throw fail(place, servingBefore, e.getMessage(), e);
        }
    }

    private void smokeTest(AgentClient agent, Place place, Bundle bundle, String servingBefore) {
        List<String> problems;
        try {
            problems = SmokeTest.problems(agent.infer(place.model(), place.version(), bundle.sampleInput()));
        } catch (AgentError e) {
            problems = List.of(e.getMessage());
        }
        if (problems.isEmpty()) {
            return;
        }
        try {
            agent.unload(place.model(), place.version());
        } catch (UserError e) {
            // The version takes no traffic either way; keeping it loaded only costs memory.
        }
        throw fail(
                place,
                servingBefore,
                "the smoke test of v" + place.version() + " failed: " + String.join("; ", problems),
                null);
    }

    /** Polls the agent during the watch; returns the rollback reason, or null when the version stayed. */
    private String watch(AgentClient agent, Place place, int seconds, Rollback before, ProgressListener progress) {
        long end = clock.millis() + seconds * 1000L;
        long settled = end + SETTLE.toMillis();
        progress.begin("watching " + place.model() + " v" + place.version() + " for " + seconds + " s", seconds, -1);
        try {
            long lastSecond = 0;
            while (true) {
                ModelStatus status = agent.status(place.model())
                        .orElseThrow(() -> new UserError("the agent no longer holds model '" + place.model() + "'"));
                Rollback last = status.lastRollback();
                if (last != null
                        && !last.equals(before)
                        && Integer.toString(place.version()).equals(last.from())) {
                    return last.reason() == null ? "no reason given" : last.reason();
                }
                long now = clock.millis();
                boolean promoted = Integer.toString(place.version())
                                .equals(status.serving().primary())
                        && status.serving().canary() == null;
                if (now >= end && (promoted || now >= settled)) {
                    if (!promoted) {
                        return "after the watch the agent serves v"
                                + status.serving().primary()
                                + (status.serving().canary() == null
                                        ? ""
                                        : " with canary v" + status.serving().canary())
                                + " instead of v" + place.version();
                    }
                    return null;
                }
                long second = Math.min(seconds, (now - (end - seconds * 1000L)) / 1000);
                if (second > lastSecond) {
                    progress.advance(second - lastSecond, 0);
                    lastSecond = second;
                }
                sleep();
            }
        } finally {
            progress.end();
        }
    }

    /** Records the failure and makes the exception that reports it; the caller throws it. */
    private DeploymentFailed fail(Place place, String servingBefore, String reason, Throwable cause) {
        record(place, DeploymentStatus.FAILED, reason);
        String serving = restore(place, servingBefore, reason);
        throw new DeploymentFailed(
                "deploying " + place.model() + " v" + place.version() + " to " + place.node()
                        + " failed: " + reason + "; "
                        + (serving == null ? "nothing served it before" : "v" + serving + " keeps serving"),
                cause);
    }

    /**
     * Records that the version serving before serves again, when the registry knows it, so that the
     * deployment row says what the place really serves; the failure stays in the audit log.
     */
    private String restore(Place place, String serving, String reason) {
        if (serving == null || !serving.matches("[0-9]{1,9}") || serving.equals(Integer.toString(place.version()))) {
            return serving;
        }
        int number = Integer.parseInt(serving);
        boolean known = registry.versions(place.model()).stream().anyMatch(v -> v.version() == number);
        if (known) {
            registry.recordDeployment(
                    new Deployment(
                            place.model(),
                            number,
                            place.backend(),
                            place.node(),
                            place.endpoint(),
                            DeploymentStatus.RUNNING,
                            clock.millis()),
                    new Change(actor, "serving again: v" + place.version() + " " + reason));
        }
        return serving;
    }

    private void record(Place place, DeploymentStatus status, String reason) {
        registry.recordDeployment(
                new Deployment(
                        place.model(),
                        place.version(),
                        place.backend(),
                        place.node(),
                        place.endpoint(),
                        status,
                        clock.millis()),
                new Change(actor, reason));
    }

    private void sleep() {
        try {
            Thread.sleep(poll);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted while watching the deployment", e);
        }
    }

    private static Path temporaryBundle() {
        try {
            return Files.createTempFile("mlops-bundle-", ".zip");
        } catch (IOException e) {
            throw new UserError("cannot create a temporary file for the deployment bundle: " + e.getMessage(), e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A leftover temporary file is harmless; the deployment's result matters more.
        }
    }

    /** Where a version is being deployed, as the registry records it. */
    private record Place(String model, int version, String backend, String node, String endpoint) {
        Place(ModelVersion version, String backend, String node, String endpoint) {
            this(version.model(), version.version(), backend, node, endpoint);
        }

        DeploymentOutcome outcome(boolean rolledBack, String reason) {
            return new DeploymentOutcome(model, version, backend, node, endpoint, rolledBack, reason);
        }
    }
}
