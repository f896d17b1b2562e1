package io.mlops.cli.labels;

import io.mlops.labels.card.DatasetCard;
import io.mlops.labels.check.CheckOptions;
import io.mlops.labels.drift.ClassShift;
import io.mlops.labels.drift.LabelDrift;
import io.mlops.labels.format.LabelSource;
import io.mlops.labels.scan.LabelScan;
import io.mlops.labels.scan.LabeledSnapshots;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code mlops data labels drift A B}: how the class distribution moved, and a gate on it. */
@Command(
        name = "drift",
        mixinStandardHelpOptions = true,
        description = {
            "Compare the class distributions of two label sets, and gate on the shift.",
            "Shows each class's share before and after, Pearson's chi-square test of homogeneity and the",
            "population stability index (PSI; zero shares count as 0.0001). With --max-psi, exits 1 when the PSI",
            "crosses the limit, naming the classes that moved. A and B are snapshot ids or names with a recorded",
            "card, or label files as FORMAT:PATH."
        })
final class DriftCommand implements Callable<Integer> {
    @ParentCommand
    private LabelsCommand labels;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "A", description = "The older labels: snapshot id or name, or FORMAT:PATH.")
    private String before;

    @Parameters(index = "1", paramLabel = "B", description = "The newer labels: snapshot id or name, or FORMAT:PATH.")
    private String after;

    @Option(
            names = "--max-psi",
            paramLabel = "PSI",
            description = "Fail when the PSI is above this (0.1 moderate, 0.2 significant shift).")
    private Double maxPsi;

    @Override
    public Integer call() {
        if (maxPsi != null && !(maxPsi > 0)) {
            throw new ParameterException(spec.commandLine(), "--max-psi must be positive: " + maxPsi);
        }
        LabelDrift drift =
                LabelDrift.between(card(before).countsByName(), card(after).countsByName());
        boolean crossed = maxPsi != null && drift.exceeds(maxPsi);
        List<ClassShift> moved = maxPsi == null ? List.of() : drift.moved(maxPsi);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("before", before);
        json.put("after", after);
        json.put("drift", drift);
        if (maxPsi != null) {
            json.put("maxPsi", maxPsi);
            json.put("passed", !crossed);
            json.put("moved", moved.stream().map(ClassShift::name).toList());
        }
        labels.output().result(json, text(drift));
        if (crossed) {
            labels.err()
                    .printf(
                            Locale.ROOT,
                            "mlops: error: label drift from %s to %s: PSI %.4f exceeds --max-psi %s; classes that moved: %s%n",
                            before,
                            after,
                            drift.psi(),
                            maxPsi,
                            moved.stream()
                                    .map(shift -> String.format(
                                            Locale.ROOT,
                                            "%s (%.1f%% -> %.1f%%)",
                                            shift.name(),
                                            100 * shift.shareBefore(),
                                            100 * shift.shareAfter()))
                                    .collect(Collectors.joining(", ")));
            labels.err().flush();
            return 1;
        }
        if (maxPsi != null) {
            labels.err().printf(Locale.ROOT, "PSI %.4f is within --max-psi %s%n", drift.psi(), maxPsi);
        }
        return 0;
    }

    private DatasetCard card(String reference) {
        if (LabelSource.looksLikeSource(reference)) {
            return LabelScan.run(
                            LabelSource.parse(reference, null),
                            CheckOptions.defaults().withOpenImages(false),
                            labels.progress())
                    .card();
        }
        return LabeledSnapshots.open(labels.home()).card(reference).card();
    }

    private String text(LabelDrift drift) {
        StringBuilder text = new StringBuilder(String.format(
                Locale.ROOT,
                "label drift %s -> %s: %,d -> %,d labels%n"
                        + "PSI %.4f (zero shares replaced by %s); chi-square %.2f with %d df, p = %.3g%n",
                before,
                after,
                drift.before(),
                drift.after(),
                drift.psi(),
                BigDecimal.valueOf(drift.epsilon()).stripTrailingZeros().toPlainString(),
                drift.chiSquare().statistic(),
                drift.chiSquare().degreesOfFreedom(),
                drift.chiSquare().pValue()));
        text.append(String.format(
                Locale.ROOT,
                "%-24s %10s %10s %9s %9s %9s%n",
                "class",
                "before",
                "after",
                "before %",
                "after %",
                "PSI term"));
        List<ClassShift> moved = maxPsi == null ? List.of() : drift.moved(maxPsi);
        for (ClassShift shift : drift.classes()) {
            text.append(String.format(
                    Locale.ROOT,
                    "%-24s %,10d %,10d %8.2f%% %8.2f%% %9.4f%s%n",
                    shift.name(),
                    shift.before(),
                    shift.after(),
                    100 * shift.shareBefore(),
                    100 * shift.shareAfter(),
                    shift.psi(),
                    moved.contains(shift) ? "  moved" : ""));
        }
        return text.toString().stripTrailing();
    }
}
