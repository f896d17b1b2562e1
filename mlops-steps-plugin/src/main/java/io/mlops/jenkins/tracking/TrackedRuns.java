package io.mlops.jenkins.tracking;

import hudson.model.Cause;
import hudson.model.Run;
import io.mlops.data.Snapshot;
import io.mlops.data.Snapshots;
import io.mlops.suite.SuiteStores;
import io.mlops.tracking.NewRun;
import io.mlops.tracking.RunContext;
import io.mlops.tracking.SnapshotInput;
import io.mlops.tracking.Tag;
import io.mlops.tracking.TrackingStore;
import java.util.ArrayList;
import java.util.List;

/** Creates the MLflow run of a trackRun step, with the build and its data snapshots recorded. */
final class TrackedRuns {
    /** The tag that links a run back to the build that made it. */
    static final String BUILD_TAG = "mlops.jenkins.build";

    private TrackedRuns() {}

    static String create(SuiteStores stores, TrackRunStep step, Run<?, ?> build) {
        TrackingStore tracking = stores.tracking();
        String experimentId = tracking.experimentByName(step.getExperiment())
                .map(experiment -> experiment.id())
                .orElseGet(() -> tracking.createExperiment(step.getExperiment(), List.of()));
        RunContext context = new RunContext(build.getParent().getFullName(), null, inputs(stores, step), null);
        List<Tag> tags = new ArrayList<>(context.toTags());
        tags.add(new Tag(BUILD_TAG, build.getExternalizableId()));
        String runId = tracking.createRun(new NewRun(
                        experimentId,
                        user(build),
                        System.currentTimeMillis(),
                        step.getName() == null ? build.getFullDisplayName() : step.getName(),
                        tags))
                .id();
        if (!context.snapshots().isEmpty()) {
            tracking.logInputs(runId, context.toInputs());
        }
        return runId;
    }

    private static List<SnapshotInput> inputs(SuiteStores stores, TrackRunStep step) {
        Snapshots catalog = stores.snapshots();
        List<SnapshotInput> inputs = new ArrayList<>();
        for (String reference : step.getSnapshots()) {
            Snapshot snapshot = catalog.find(reference);
            inputs.add(new SnapshotInput(
                    snapshot.id(),
                    snapshot.names().isEmpty() ? null : snapshot.names().getLast(),
                    snapshot.sourcePath()));
        }
        return inputs;
    }

    private static String user(Run<?, ?> build) {
        Cause.UserIdCause cause = build.getCause(Cause.UserIdCause.class);
        return cause == null || cause.getUserId() == null ? "jenkins" : cause.getUserId();
    }
}
