package io.mlops.jenkins.steps;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.mlops.data.CapturedSnapshot;
import io.mlops.data.Snapshot;
import io.mlops.data.SnapshotDiff;
import io.mlops.data.SnapshotResult;
import io.mlops.data.TransferResult;
import io.mlops.error.UserError;
import io.mlops.jenkins.ConsoleProgress;
import io.mlops.jenkins.MlopsStores;
import io.mlops.jenkins.StepFailures;
import io.mlops.jenkins.config.MlopsConfiguration;
import io.mlops.labels.card.RecordedCard;
import io.mlops.labels.drift.LabelDrift;
import io.mlops.labels.scan.LabeledCapture;
import io.mlops.labels.scan.LabeledSnapshotResult;
import io.mlops.labels.scan.LabeledSnapshots;
import io.mlops.objectstore.StorageLocation;
import io.mlops.suite.SuiteStores;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** The dataSnapshot step's work: capture on the agent, record, compare with the previous build. */
final class SnapshotRecorder {
    private final DataSnapshotStep step;
    private final FilePath workspace;
    private final Run<?, ?> run;
    private final TaskListener listener;

    SnapshotRecorder(DataSnapshotStep step, FilePath workspace, Run<?, ?> run, TaskListener listener) {
        this.step = step;
        this.workspace = workspace;
        this.run = run;
        this.listener = listener;
    }

    String record() throws Exception {
        // The stores stay open until the snapshot is recorded, even if the configuration is saved meanwhile.
        try (SuiteStores.Reference reference = MlopsStores.get().acquire()) {
            return record(reference.stores());
        }
    }

    private String record(SuiteStores stores) throws Exception {
        SnapshotOptions options = new SnapshotOptions(step.getName(), step.getMessage(), step.isGitCommit());
        ConsoleProgress progress = new ConsoleProgress(listener);
        SnapshotResult result;
        RecordedCard card = null;
        String labels = step.getLabels();
        if (step.getLabelStudio() != null) {
            if (labels != null) {
                throw new AbortException("dataSnapshot: labelStudio pulls the labels into path; leave labels out");
            }
            labels = new LabelStudioPuller(step.getLabelStudio(), pathWithoutSlash(), workspace, run, listener).pull();
        }
        try {
            CapturedSnapshot captured;
            if (labels == null) {
                captured = workspace.act(new CaptureData(step.getPath(), options, progress));
                result = stores.snapshots().record(captured);
            } else {
                LabeledCapture labeledCapture = workspace.act(new CaptureLabeledData(
                        step.getPath(), labels, step.getImages(), step.isStrict(), options, progress));
                LabeledSnapshotResult labeled = stores.labeledSnapshots().record(labeledCapture);
                captured = labeledCapture.snapshot();
                result = labeled.snapshot();
                card = labeled.card();
            }
            push(captured, progress);
        } catch (IOException | UserError e) {
            throw StepFailures.explain(e);
        }
        SnapshotAction previous = previous();
        SnapshotAction action = SnapshotAction.of(
                step.getPath(),
                result,
                card,
                previous == null ? null : previous.getSnapshotId(),
                diff(stores, previous, result));
        if (card != null && previous != null && previous.hasCard()) {
            action = action.withDrift(drift(stores.labeledSnapshots(), previous, card), step.getMaxPsi());
        }
        run.addAction(action);
        listener.getLogger().println("[mlops] " + action.describe());
        if (action.isDriftExceeded()) {
            listener.getLogger()
                    .printf(
                            Locale.ROOT,
                            "[mlops] label drift PSI %.3f exceeds %.3f: build marked unstable%n",
                            action.getDriftPsi(),
                            step.getMaxPsi());
            run.setResult(Result.UNSTABLE);
        }
        return result.snapshot().id();
    }

    /**
     * Pushes the captured snapshot from the agent to the step's remote or the configured default one, if
     * any, so that other nodes can pull it by id.
     */
    private void push(CapturedSnapshot captured, ConsoleProgress progress) throws IOException, InterruptedException {
        String remote = step.getRemote() != null
                ? step.getRemote()
                : MlopsConfiguration.get().getDefaultRemote();
        if (remote == null) {
            return;
        }
        StorageLocation.parse(remote, Path.of("/")); // refuse gs:// etc. before anything moves
        Snapshot snapshot = captured.snapshot();
        TransferResult pushed = workspace.act(new PushSnapshot(
                snapshot.id(),
                snapshot.objectId(),
                captured.manifest(),
                snapshot.cacheRoot(),
                RemoteOnAgent.of(remote, MlopsStores.s3Settings()),
                progress));
        listener.getLogger()
                .printf(
                        Locale.ROOT,
                        "[mlops] pushed %s to %s: %d objects copied, %d already there; other nodes: mlops data pull"
                                + " %s --remote %s%n",
                        snapshot.id(),
                        remote,
                        pushed.transferred(),
                        pushed.present(),
                        snapshot.id(),
                        remote);
    }

    private String pathWithoutSlash() {
        String path = step.getPath() == null ? "" : step.getPath().strip();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path;
    }

    /** The same path's snapshot in the build before, if it took one. */
    private SnapshotAction previous() {
        for (Run<?, ?> before = run.getPreviousBuild(); before != null; before = before.getPreviousBuild()) {
            for (SnapshotAction action : before.getActions(SnapshotAction.class)) {
                if (action.getPath().equals(step.getPath())) {
                    return action;
                }
            }
        }
        return null;
    }

    private static SnapshotDiff diff(SuiteStores stores, SnapshotAction previous, SnapshotResult now) {
        if (previous == null || previous.getSnapshotId().equals(now.snapshot().id())) {
            return null;
        }
        try {
            return stores.snapshots()
                    .diff(previous.getSnapshotId(), now.snapshot().id());
        } catch (UserError gone) {
            return null; // the previous snapshot's manifest is no longer in this store
        }
    }

    private static LabelDrift drift(LabeledSnapshots cards, SnapshotAction previous, RecordedCard now) {
        RecordedCard before = cards.card(previous.getSnapshotId());
        return LabelDrift.between(before.card().countsByName(), now.card().countsByName());
    }
}
