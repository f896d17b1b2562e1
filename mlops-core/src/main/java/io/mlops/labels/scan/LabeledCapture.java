package io.mlops.labels.scan;

import io.mlops.data.CapturedSnapshot;
import io.mlops.data.ObjectCache;
import io.mlops.data.ObjectId;
import io.mlops.data.SnapshotCapture;
import io.mlops.data.SnapshotRequest;
import io.mlops.home.SuiteHome;
import io.mlops.labels.card.CardJson;
import io.mlops.labels.card.DatasetCard;
import io.mlops.labels.check.CheckOptions;
import io.mlops.labels.format.LabelSource;
import io.mlops.progress.ProgressListener;
import java.io.Serializable;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * The part of a labeled snapshot done where the data is (a Jenkins agent): validate the labels,
 * capture the data, store the card object in the data's cache. What crosses back to the
 * controller, which records it with {@link LabeledSnapshots#record}.
 *
 * @param snapshot the captured data
 * @param scan the labels' validation report and card
 * @param cardObject the MD5 the card's JSON is stored under in the snapshot's cache
 * @param labelFormat the labels' format id, e.g. {@code coco}
 * @param labelPath the label file or directory, absolute
 */
public record LabeledCapture(
        CapturedSnapshot snapshot, LabelScanResult scan, String cardObject, String labelFormat, String labelPath)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Validates the record. */
    public LabeledCapture {
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(scan, "scan");
        Objects.requireNonNull(cardObject, "cardObject");
        Objects.requireNonNull(labelFormat, "labelFormat");
        Objects.requireNonNull(labelPath, "labelPath");
    }

    /**
     * Validates labels, then captures the data and stores the card object beside it.
     *
     * @param home the suite's home on this machine
     * @param target the file or directory to snapshot
     * @param request name, message and options of the snapshot
     * @param labels the labels of the data
     * @param options what to check
     * @param progress told of the work
     * @return what to record
     * @throws LabelsRejected when the labels have errors (nothing is stored)
     */
    public static LabeledCapture capture(
            SuiteHome home,
            Path target,
            SnapshotRequest request,
            LabelSource labels,
            CheckOptions options,
            ProgressListener progress) {
        LabelScanResult scan = LabelScan.run(labels, options, progress);
        if (!scan.report().passed()) {
            throw new LabelsRejected(scan.report(), "no snapshot was taken");
        }
        CapturedSnapshot captured = SnapshotCapture.capture(home, target, request, progress);
        String object = storeCard(Path.of(captured.snapshot().cacheRoot()), scan.card());
        return new LabeledCapture(
                captured,
                scan,
                object,
                labels.format().id(),
                labels.path().toAbsolutePath().normalize().toString());
    }

    /**
     * Stores a card's JSON as an object of a cache, named by its MD5 like every other object.
     *
     * @param cacheRoot the cache
     * @param card the card
     * @return the object's MD5
     */
    static String storeCard(Path cacheRoot, DatasetCard card) {
        byte[] json = CardJson.write(card);
        ObjectId object = ObjectId.ofFile(md5(json));
        new ObjectCache(cacheRoot).put(object, json);
        return object.md5();
    }

    private static byte[] md5(byte[] bytes) {
        try {
            return MessageDigest.getInstance("MD5").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks MD5", e);
        }
    }
}
