package io.mlops.cli.labels;

import io.mlops.labels.format.LabelFormat;
import io.mlops.labels.format.LabelSource;
import io.mlops.labels.scan.ConversionResult;
import io.mlops.labels.scan.LabelConversion;
import io.mlops.labels.scan.LabelsRejected;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code mlops data labels convert --from F --to T IN OUT}: labels in another format. */
@Command(
        name = "convert",
        mixinStandardHelpOptions = true,
        description = {
            "Convert labels to COCO or YOLO, e.g. --from cvat --to yolo.",
            "COCO is one JSON file; YOLO a directory in the Ultralytics layout (labels/ and data.yaml; images are",
            "not copied). The input is validated first, without opening image files, and refused when it has",
            "errors unless --force. What the target format cannot hold is reported."
        })
final class ConvertCommand implements Callable<Integer> {
    @ParentCommand
    private LabelsCommand labels;

    @Option(
            names = "--from",
            required = true,
            paramLabel = "FORMAT",
            description = "The input format: coco, yolo, voc, labelstudio, cvat or sagemaker.")
    private String from;

    @Option(names = "--to", required = true, paramLabel = "FORMAT", description = "The output format: coco or yolo.")
    private String to;

    @Parameters(index = "0", paramLabel = "INPUT", description = "The label file or directory to read.")
    private Path input;

    @Parameters(index = "1", paramLabel = "OUTPUT", description = "The file or directory to create (must not exist).")
    private Path output;

    @Option(names = "--images", paramLabel = "DIR", description = "The directory image paths are relative to.")
    private Path images;

    @Option(names = "--segments", description = "YOLO: write outlines (the segmentation format) instead of boxes.")
    private boolean segments;

    @Option(names = "--force", description = "Write even when the input has errors.")
    private boolean force;

    @Override
    public Integer call() {
        ConversionResult result;
        try {
            result = LabelConversion.convert(
                    new LabelSource(LabelFormat.named(from), input, images),
                    LabelFormat.named(to),
                    output,
                    segments,
                    force,
                    labels.progress());
        } catch (LabelsRejected rejected) {
            return labels.rejected(rejected);
        }
        StringBuilder text = new StringBuilder(String.format(
                Locale.ROOT,
                "wrote %,d images and %,d objects to %s",
                result.written().images(),
                result.written().objects(),
                result.written().output()));
        for (String dropped : result.written().dropped()) {
            text.append("\nnot written: ").append(dropped);
        }
        if (!result.report().passed() || result.report().warnings() > 0) {
            labels.err().println(ReportText.of(result.report()));
        }
        labels.output().result(result, text.toString());
        return 0;
    }
}
