package io.mlops.jenkins.steps;

import hudson.remoting.VirtualChannel;
import io.mlops.onnx.Optimization;
import io.mlops.onnx.convert.Conversion;
import io.mlops.onnx.convert.ConversionRequest;
import io.mlops.onnx.convert.ConversionResult;
import io.mlops.onnx.convert.Converter;
import io.mlops.onnx.convert.Tolerance;
import io.mlops.progress.ProgressListener;
import java.io.File;
import java.nio.file.Path;
import java.util.Map;
import jenkins.MasterToSlaveFileCallable;

/** On the agent: run the framework's converter in the agent's Python and prove the ONNX model equal. */
final class ConvertOnAgent extends MasterToSlaveFileCallable<ConversionResult> {
    private static final long serialVersionUID = 1L;

    private final ConvertToOnnxStep.Arguments arguments;
    private final ProgressListener progress;

    ConvertOnAgent(ConvertToOnnxStep.Arguments arguments, ProgressListener progress) {
        this.arguments = arguments;
        this.progress = progress;
    }

    @Override
    public ConversionResult invoke(File workspace, VirtualChannel channel) {
        Path sample = arguments.sampleInput() == null
                ? null
                : Workspaces.resolve(workspace, arguments.sampleInput(), "convertToOnnx sampleInput");
        ConversionRequest request = new ConversionRequest(
                Converter.of(arguments.framework()),
                Workspaces.resolve(workspace, arguments.model(), "convertToOnnx model"),
                Workspaces.resolve(workspace, arguments.output(), "convertToOnnx output"),
                arguments.opset(),
                sample,
                Path.of(arguments.python()),
                arguments.modelClass(),
                arguments.tolerance() == null ? Tolerance.DEFAULT : Tolerance.parse(arguments.tolerance()),
                Map.of(),
                Optimization.NONE);
        return new Conversion().convert(request, progress);
    }
}
