package io.mlops.cli.eval;

import io.mlops.cli.Output;
import io.mlops.eval.coco.CocoEvaluator;
import io.mlops.eval.coco.CocoGroundTruth;
import io.mlops.eval.coco.DetectionMetrics;
import io.mlops.eval.coco.ImageEvaluation;
import io.mlops.eval.coco.ScoredBox;
import io.mlops.labels.LabeledImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code mlops evaluate coco-results}: COCO metrics of a detector's results file, as COCOeval computes them. */
@Command(
        name = "coco-results",
        mixinStandardHelpOptions = true,
        description = "Compute COCO bounding-box metrics of a results file (as pycocotools' COCOeval, same numbers):"
                + " for detections made elsewhere, and to compare with COCOeval.")
final class CocoResultsCommand implements Callable<Integer> {
    @ParentCommand
    private EvaluateCommand evaluate;

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--annotations",
            required = true,
            paramLabel = "FILE",
            description = "The COCO instances JSON file.")
    private Path annotations;

    @Option(
            names = "--results",
            required = true,
            paramLabel = "FILE",
            description = "The detections, COCO results format.")
    private Path results;

    @Override
    public Integer call() {
        CocoGroundTruth truth = CocoGroundTruth.read(annotations);
        List<ScoredBox> detections = truth.readDetections(results);
        Map<Long, List<ScoredBox>> byImage = detections.stream().collect(Collectors.groupingBy(ScoredBox::imageId));
        CocoEvaluator evaluator = new CocoEvaluator(truth.categories());
        // images are independent: evaluate them on every core
        List<ImageEvaluation> images = truth.images().parallelStream()
                .map(LabeledImage::id)
                .map(id -> evaluator.evaluate(
                        id, truth.boxes().getOrDefault(id, List.of()), byImage.getOrDefault(id, List.of())))
                .toList();
        DetectionMetrics metrics = evaluator.accumulate(images, detections.size());
        StringBuilder text = new StringBuilder();
        metrics.named().forEach((name, value) -> {
            if (!name.startsWith("AP[")) {
                text.append(String.format(Locale.ROOT, "%-12s %.17g%n", name, value));
            }
        });
        new Output(spec.commandLine().getOut(), evaluate.root().json())
                .result(metrics, text.toString().stripTrailing());
        return 0;
    }
}
