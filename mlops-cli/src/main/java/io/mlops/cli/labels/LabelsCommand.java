package io.mlops.cli.labels;

import io.mlops.cli.MlopsCommand;
import io.mlops.cli.Output;
import io.mlops.cli.TerminalProgress;
import io.mlops.home.SuiteHome;
import io.mlops.labels.check.ValidationReport;
import io.mlops.labels.scan.LabelsRejected;
import io.mlops.progress.ProgressListener;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code mlops data labels}: validate, describe, convert and compare labeled data. */
@Command(
        name = "labels",
        mixinStandardHelpOptions = true,
        description = {
            "Labeled data: validate, describe, convert, gate on class drift, and pull from Label Studio.",
            "Reads exports of COCO, YOLO, Pascal VOC, Label Studio, CVAT for images 1.1 and SageMaker Ground",
            "Truth, named FORMAT:PATH, e.g. coco:data/annotations.json or yolo:data/ (formats: coco, yolo, voc,",
            "labelstudio, cvat, sagemaker)."
        },
        subcommands = {
            ValidateCommand.class,
            StatsCommand.class,
            ConvertCommand.class,
            DriftCommand.class,
            LabelStudioPullCommand.class
        })
public final class LabelsCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    /** Created by picocli as a subcommand of {@code mlops data}. */
    public LabelsCommand() {
        // options and the home come from the root command, through the spec picocli injects
    }

    @Override
    public void run() {
        throw new ParameterException(
                spec.commandLine(),
                "mlops data labels needs a subcommand: " + spec.subcommands().keySet());
    }

    SuiteHome home() {
        return root().home();
    }

    Output output() {
        return new Output(spec.commandLine().getOut(), root().json());
    }

    boolean json() {
        return root().json();
    }

    ProgressListener progress() {
        return TerminalProgress.forTerminal(spec.commandLine().getErr());
    }

    java.util.Map<String, String> environment() {
        return root().environment();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /**
     * Prints the report of labels that were refused and tells why on standard error.
     *
     * @param rejected the refusal
     * @return the exit status, 1
     */
    int rejected(LabelsRejected rejected) {
        ValidationReport report = rejected.report();
        output().result(report, ReportText.of(report));
        err().println("mlops: error: "
                + rejected.getMessage().lines().findFirst().orElse(""));
        err().flush();
        return 1;
    }

    private MlopsCommand root() {
        // the group sits under `mlops data`; its options (--home, --json) live on the root command
        return (MlopsCommand) spec.root().userObject();
    }
}
