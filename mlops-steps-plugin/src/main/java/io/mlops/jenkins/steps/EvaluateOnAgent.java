package io.mlops.jenkins.steps;

import hudson.remoting.VirtualChannel;
import io.mlops.eval.BaselineResolver;
import io.mlops.eval.Evaluation;
import io.mlops.eval.EvaluationReport;
import io.mlops.eval.EvaluationRequest;
import io.mlops.eval.OnError;
import io.mlops.eval.ReportFiles;
import io.mlops.eval.Shard;
import io.mlops.eval.Task;
import io.mlops.eval.data.DataSpec;
import io.mlops.eval.gate.Gate;
import io.mlops.onnx.Device;
import io.mlops.onnx.Optimization;
import io.mlops.onnx.SessionSettings;
import io.mlops.progress.ProgressListener;
import java.io.File;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import jenkins.MasterToSlaveFileCallable;

/**
 * On the agent: evaluate the ONNX model with ONNX Runtime, decide the gates, write the report
 * files into the workspace. The baseline, when given, was copied into the workspace already.
 */
final class EvaluateOnAgent extends MasterToSlaveFileCallable<EvaluationReport> {
    private static final long serialVersionUID = 1L;

    private final EvaluateModelStep.Arguments arguments;
    private final ProgressListener progress;

    EvaluateOnAgent(EvaluateModelStep.Arguments arguments, ProgressListener progress) {
        this.arguments = arguments;
        this.progress = progress;
    }

    @Override
    public EvaluationReport invoke(File workspace, VirtualChannel channel) {
        Path preprocess = arguments.preprocess() == null
                ? null
                : Workspaces.resolve(workspace, arguments.preprocess(), "evaluateModel preprocess");
        String baseline = arguments.baseline() == null
                ? null
                : Workspaces.resolve(workspace, arguments.baseline(), "evaluateModel baseline")
                        .toString();
        EvaluationRequest request = EvaluationRequest.builder()
                .model(Workspaces.resolve(workspace, arguments.model(), "evaluateModel model"))
                .data(inWorkspace(workspace, DataSpec.parse(arguments.data())))
                .task(Task.parse(arguments.task()))
                .preprocessingFile(preprocess)
                .batch(arguments.batch())
                .gates(arguments.gates().stream().map(Gate::parse).toList())
                .baseline(baseline)
                .shard(Shard.ALL)
                .onError(OnError.FAIL)
                .session(new SessionSettings(Device.parse(arguments.device()), 0, Optimization.ALL))
                .workers(Runtime.getRuntime().availableProcessors())
                .build();
        Evaluation.Outcome outcome = new Evaluation(BaselineResolver.withoutRegistry()).evaluate(request, progress);
        ReportFiles.write(
                Workspaces.resolve(workspace, arguments.reportDirectory(), "evaluateModel report"),
                outcome.report(),
                outcome.state());
        return outcome.report();
    }

    /** The data spec's syntax is the CLI's (DataSpec.parse); its paths are taken in the workspace. */
    private static DataSpec inWorkspace(File workspace, DataSpec spec) {
        Map<String, String> options = new LinkedHashMap<>(spec.options());
        String images = options.get("images");
        if (images != null) {
            options.put(
                    "images",
                    Workspaces.resolve(workspace, images, "evaluateModel data images")
                            .toString());
        }
        return new DataSpec(
                spec.format(), Workspaces.resolve(workspace, spec.path().toString(), "evaluateModel data"), options);
    }
}
