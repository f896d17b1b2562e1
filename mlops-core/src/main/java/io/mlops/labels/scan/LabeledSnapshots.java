package io.mlops.labels.scan;

import io.mlops.data.Snapshot;
import io.mlops.data.SnapshotRequest;
import io.mlops.data.SnapshotResult;
import io.mlops.data.Snapshots;
import io.mlops.error.UserError;
import io.mlops.home.SuiteHome;
import io.mlops.labels.card.CardCatalog;
import io.mlops.labels.card.JdbcCardCatalog;
import io.mlops.labels.card.RecordedCard;
import io.mlops.labels.check.CheckOptions;
import io.mlops.labels.format.LabelSource;
import io.mlops.progress.ProgressListener;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Snapshots whose labels were validated and described: {@code mlops data snapshot PATH --labels
 * FORMAT:PATH} and the dataset cards that drift is measured between.
 *
 * <p>The labels are validated before anything is stored: labels with errors leave neither a
 * snapshot nor a card behind. The card is stored twice on purpose: as an object in the snapshot's
 * cache, named by its MD5 like every other object, so it travels with the data; and as a row in
 * the metadata database, so it can be found without the cache.
 */
public final class LabeledSnapshots {
    private final Snapshots snapshots;
    private final CardCatalog cards;

    /**
     * Creates the service.
     *
     * @param snapshots the snapshot service
     * @param cards where cards are recorded
     */
    public LabeledSnapshots(Snapshots snapshots, CardCatalog cards) {
        this.snapshots = snapshots;
        this.cards = cards;
    }

    /**
     * Opens the service on a home, with both catalogs in the home's database.
     *
     * @param home the suite's home
     * @return the service
     */
    public static LabeledSnapshots open(SuiteHome home) {
        return new LabeledSnapshots(Snapshots.open(home), new JdbcCardCatalog(home.database()));
    }

    /**
     * Validates labels, then snapshots the data and records the labels' card with it.
     *
     * @param target the file or directory to snapshot
     * @param request name, message and options of the snapshot
     * @param labels the labels of the data
     * @param options what to check
     * @param progress told of the work
     * @return the snapshot, the validation report and the recorded card
     * @throws LabelsRejected when the labels have errors (nothing is recorded)
     */
    public LabeledSnapshotResult take(
            Path target, SnapshotRequest request, LabelSource labels, CheckOptions options, ProgressListener progress) {
        LabelScanResult scan = LabelScan.run(labels, options, progress);
        if (!scan.report().passed()) {
            throw new LabelsRejected(scan.report(), "no snapshot was taken");
        }
        SnapshotResult taken = snapshots.take(target, request, progress);
        String object = LabeledCapture.storeCard(Path.of(taken.snapshot().cacheRoot()), scan.card());
        return recordCard(
                taken,
                scan,
                object,
                labels.format().id(),
                labels.path().toAbsolutePath().normalize().toString());
    }

    /**
     * Records a labeled snapshot captured on another machine (a Jenkins agent).
     *
     * @param captured what {@link LabeledCapture#capture} produced there
     * @return the recorded snapshot, the validation report and the recorded card
     */
    public LabeledSnapshotResult record(LabeledCapture captured) {
        SnapshotResult recorded = snapshots.record(captured.snapshot());
        return recordCard(
                recorded, captured.scan(), captured.cardObject(), captured.labelFormat(), captured.labelPath());
    }

    private LabeledSnapshotResult recordCard(
            SnapshotResult taken, LabelScanResult scan, String object, String format, String labelPath) {
        RecordedCard card = new RecordedCard(
                taken.snapshot().id(),
                object,
                format,
                labelPath,
                Instant.now().truncatedTo(ChronoUnit.MILLIS),
                scan.card());
        cards.record(card);
        return new LabeledSnapshotResult(taken, scan.report(), card);
    }

    /**
     * The card recorded last with a snapshot.
     *
     * @param reference a snapshot id, unique id prefix or name
     * @return the card
     * @throws UserError when there is no such snapshot or it has no card
     */
    public RecordedCard card(String reference) {
        Snapshot snapshot = snapshots.find(reference);
        return cards.latest(snapshot.id())
                .orElseThrow(() -> new UserError("snapshot " + snapshot.label() + " has no dataset card; record one"
                        + " with: mlops data snapshot " + snapshot.sourcePath() + " --labels FORMAT:PATH"));
    }
}
