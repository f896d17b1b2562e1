package io.mlops.cli.onnx;

import io.mlops.cli.Output;
import io.mlops.onnx.ModelCard;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code mlops convert card MODEL}: what an ONNX model is, and whether it loads. */
@Command(
        name = "card",
        mixinStandardHelpOptions = true,
        description = "Show an ONNX model's card: inputs and outputs (symbolic dimensions kept), opsets, producer,"
                + " parameter count, file size, and whether ONNX Runtime loads it.")
final class CardCommand implements Callable<Integer> {
    @ParentCommand
    private ConvertCommand convert;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "MODEL", description = "The .onnx file.")
    private Path model;

    @Override
    public Integer call() {
        ModelCard card = ModelCard.read(model);
        new Output(spec.commandLine().getOut(), convert.root().json()).result(card, card.describe());
        return 0;
    }
}
