package io.mlops.cli.labels;

import io.mlops.labels.check.CheckOptions;
import io.mlops.labels.check.ValidationReport;
import io.mlops.labels.format.LabelSource;
import io.mlops.labels.scan.LabelScan;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code mlops data labels validate FORMAT:PATH}: find what is wrong with labels, and where. */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = {
            "Find what is wrong with labels, and where (file, line:column or id).",
            "Checks unique ids, known images and categories, boxes with positive size inside their image, image",
            "paths inside the images directory, image files that exist with the size the labels state, and",
            "category names that differ only in case or white space. Exits 1 when there are errors."
        })
final class ValidateCommand implements Callable<Integer> {
    @ParentCommand
    private LabelsCommand labels;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FORMAT:PATH", description = "The labels, e.g. coco:data/annotations.json.")
    private String source;

    @Option(
            names = "--images",
            paramLabel = "DIR",
            description = "The directory image paths are relative to (default: beside the labels; images/ of a YOLO"
                    + " dataset; JPEGImages/ of a VOC one).")
    private Path images;

    @Option(names = "--strict", description = "Report warnings as errors.")
    private boolean strict;

    @Option(names = "--labels-only", description = "Check the labels alone; do not open the image files.")
    private boolean labelsOnly;

    @Option(
            names = "--examples",
            paramLabel = "N",
            description = "Findings shown of each kind; all are counted (default: ${DEFAULT-VALUE}).")
    private int examples = CheckOptions.DEFAULT_EXAMPLES;

    @Override
    public Integer call() {
        if (examples < 0) {
            throw new ParameterException(spec.commandLine(), "--examples must not be negative: " + examples);
        }
        CheckOptions options = CheckOptions.defaults()
                .withStrict(strict)
                .withOpenImages(!labelsOnly)
                .withExamplesPerCode(examples);
        ValidationReport report = LabelScan.run(LabelSource.parse(source, images), options, labels.progress())
                .report();
        labels.output().result(report, ReportText.of(report));
        if (!report.passed()) {
            labels.err()
                    .printf("mlops: error: %s has %s%n", report.labels(), ReportText.count(report.errors(), "error"));
            labels.err().flush();
            return 1;
        }
        return 0;
    }
}
