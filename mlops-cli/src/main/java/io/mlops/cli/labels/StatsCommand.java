package io.mlops.cli.labels;

import io.mlops.error.UserError;
import io.mlops.labels.card.CardPage;
import io.mlops.labels.card.DatasetCard;
import io.mlops.labels.card.RecordedCard;
import io.mlops.labels.check.CheckOptions;
import io.mlops.labels.format.LabelSource;
import io.mlops.labels.scan.LabelScan;
import io.mlops.labels.scan.LabelScanResult;
import io.mlops.labels.scan.LabeledSnapshots;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code mlops data labels stats SOURCE}: the dataset card of labels or of a snapshot. */
@Command(
        name = "stats",
        mixinStandardHelpOptions = true,
        description = {
            "Describe labels in a dataset card, as text, JSON or an HTML page with charts.",
            "The card holds images and their sizes, class counts, objects per image, box areas (COCO's",
            "small/medium/large) and class co-occurrence. SOURCE is FORMAT:PATH, or a snapshot id or name whose",
            "card was recorded by mlops data snapshot --labels."
        })
final class StatsCommand implements Callable<Integer> {
    @ParentCommand
    private LabelsCommand labels;

    @Parameters(paramLabel = "SOURCE", description = "FORMAT:PATH, or a snapshot id, unique id prefix or name.")
    private String source;

    @Option(names = "--images", paramLabel = "DIR", description = "With FORMAT:PATH: the images directory.")
    private Path images;

    @Option(
            names = "--html",
            paramLabel = "FILE",
            description = "Also write the card as a self-contained HTML page with charts.")
    private Path html;

    @Override
    public Integer call() {
        DatasetCard card;
        String title;
        Map<String, Object> json = new LinkedHashMap<>();
        if (LabelSource.looksLikeSource(source)) {
            LabelSource labelSource = LabelSource.parse(source, images);
            LabelScanResult scan =
                    LabelScan.run(labelSource, CheckOptions.defaults().withOpenImages(false), labels.progress());
            card = scan.card();
            title = labelSource.toString();
            json.put("labels", title);
            if (!scan.report().passed()) {
                labels.err()
                        .printf(
                                "mlops: warning: %s has %s; see: mlops data labels validate %s%n",
                                title, ReportText.count(scan.report().errors(), "error"), source);
            }
        } else {
            RecordedCard recorded = LabeledSnapshots.open(labels.home()).card(source);
            card = recorded.card();
            title = "snapshot " + source + " (" + recorded.labelFormat() + ":" + recorded.labelPath() + ")";
            json.put("snapshot", recorded.snapshotId());
            json.put("labels", recorded.labelFormat() + ":" + recorded.labelPath());
            json.put("cardObject", recorded.cardObject());
            json.put("recordedAt", recorded.recordedAt());
        }
        json.put("card", card);
        if (html != null) {
            writeHtml(CardPage.render(card, title));
            json.put("html", html.toString());
            labels.err().println("wrote " + html);
        }
        labels.output().result(json, title + "\n" + CardText.of(card));
        return 0;
    }

    private void writeHtml(String page) {
        Path target = html.toAbsolutePath();
        Path temporary = target.resolveSibling("." + target.getFileName() + ".tmp");
        try {
            Files.createDirectories(target.getParent());
            Files.writeString(temporary, page, StandardCharsets.UTF_8);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UserError("cannot write " + html + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                // a leftover temporary file has a dot name and is never the page asked for
            }
        }
    }
}
