package io.mlops.jenkins.steps;

import hudson.model.Run;
import io.mlops.data.Snapshot;
import io.mlops.data.SnapshotDiff;
import io.mlops.data.SnapshotResult;
import io.mlops.labels.card.DatasetCard;
import io.mlops.labels.card.RecordedCard;
import io.mlops.labels.drift.ClassShift;
import io.mlops.labels.drift.LabelDrift;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jenkins.model.RunAction2;

/**
 * A data snapshot a build took (fields are plain values and mutable JDK collections, as build.xml
 * is written by XStream): its id, size, the change against the previous build's snapshot of
 * the same path, its dataset card and the label drift. Shown on the build page; kept in
 * build.xml, so it holds plain values only.
 */
public final class SnapshotAction implements RunAction2 {
    private final String path;
    private final String snapshotId;
    private final String label;
    private final int files;
    private final long sizeBytes;
    private final boolean created;
    private final String pointerFile;
    private final String gitCommit;
    private final String previousId;
    private final long added;
    private final long modified;
    private final long removed;
    private final Map<String, Long> classCounts;
    private final String labelFormat;
    private final long images;
    private final long objects;
    private Double driftPsi;
    private boolean driftExceeded;
    private List<ClassMove> movedClasses = new ArrayList<>();
    private transient Run<?, ?> run;

    private SnapshotAction(
            String path, SnapshotResult result, RecordedCard card, String previousId, SnapshotDiff diff) {
        Snapshot snapshot = result.snapshot();
        this.path = path;
        this.snapshotId = snapshot.id();
        this.label = snapshot.label();
        this.files = snapshot.fileCount();
        this.sizeBytes = snapshot.totalSize();
        this.created = result.created();
        this.pointerFile = result.pointerFile();
        this.gitCommit = result.gitCommit();
        this.previousId = previousId;
        this.added = diff == null ? 0 : diff.count(SnapshotDiff.Kind.ADDED);
        this.modified = diff == null ? 0 : diff.count(SnapshotDiff.Kind.MODIFIED);
        this.removed = diff == null ? 0 : diff.count(SnapshotDiff.Kind.REMOVED);
        DatasetCard dataset = card == null ? null : card.card();
        this.classCounts = dataset == null ? new LinkedHashMap<>() : new LinkedHashMap<>(dataset.countsByName());
        this.labelFormat = card == null ? null : card.labelFormat();
        this.images = dataset == null ? 0 : dataset.images();
        this.objects = dataset == null ? 0 : dataset.objects();
    }

    static SnapshotAction of(
            String path, SnapshotResult result, RecordedCard card, String previousId, SnapshotDiff diff) {
        return new SnapshotAction(path, result, card, previousId, diff);
    }

    SnapshotAction withDrift(LabelDrift drift, double maxPsi) {
        this.driftPsi = drift.psi();
        this.driftExceeded = drift.exceeds(maxPsi);
        List<ClassMove> moved = new ArrayList<>();
        for (ClassShift shift : drift.moved(maxPsi)) {
            moved.add(ClassMove.of(shift));
        }
        this.movedClasses = moved;
        return this;
    }

    String describe() {
        StringBuilder text = new StringBuilder(String.format(
                Locale.ROOT,
                "snapshot %s (%s): %,d files, %,d bytes%s",
                snapshotId,
                label,
                files,
                sizeBytes,
                created ? "" : ", unchanged content"));
        if (previousId != null) {
            text.append(String.format(
                    Locale.ROOT, "; against the previous build: +%d ~%d -%d files", added, modified, removed));
        }
        if (labelFormat != null) {
            text.append(
                    String.format(Locale.ROOT, "; labels %s: %,d images, %,d objects", labelFormat, images, objects));
        }
        return text.toString();
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    /** @return the build that took the snapshot */
    public Run<?, ?> getRun() {
        return run;
    }

    /** @return the snapshotted path in the workspace */
    public String getPath() {
        return path;
    }

    /** @return the snapshot id (MD5 of the DVC manifest) */
    public String getSnapshotId() {
        return snapshotId;
    }

    /** @return the snapshot's name or short id */
    public String getLabel() {
        return label;
    }

    /** @return its number of files */
    public int getFiles() {
        return files;
    }

    /** @return its size in bytes */
    public long getSizeBytes() {
        return sizeBytes;
    }

    /** @return whether its content was new to the store */
    public boolean isCreated() {
        return created;
    }

    /** @return the .dvc file written, or null */
    public String getPointerFile() {
        return pointerFile;
    }

    /** @return the Git commit of the pointer file, or null */
    public String getGitCommit() {
        return gitCommit;
    }

    /** @return whether it was compared with an earlier build's snapshot */
    public boolean isCompared() {
        return previousId != null;
    }

    /** @return files added since the previous build's snapshot */
    public long getAdded() {
        return added;
    }

    /** @return files changed since the previous build's snapshot */
    public long getModified() {
        return modified;
    }

    /** @return files removed since the previous build's snapshot */
    public long getRemoved() {
        return removed;
    }

    /** @return whether a dataset card was recorded */
    public boolean hasCard() {
        return labelFormat != null;
    }

    /** @return the label format, or null */
    public String getLabelFormat() {
        return labelFormat;
    }

    /** @return images in the labels */
    public long getImages() {
        return images;
    }

    /** @return objects in the labels */
    public long getObjects() {
        return objects;
    }

    /** @return labels per class */
    public Map<String, Long> getClassCounts() {
        return Map.copyOf(classCounts);
    }

    /** @return the label drift against the previous build, or null */
    public Double getDriftPsi() {
        return driftPsi;
    }

    /** @return whether the drift exceeded the step's maxPsi */
    public boolean isDriftExceeded() {
        return driftExceeded;
    }

    /** @return the classes whose share moved most */
    public List<ClassMove> getMovedClasses() {
        return List.copyOf(movedClasses);
    }

    @Override
    public String getIconFileName() {
        return "symbol-albums-outline plugin-ionicons-api";
    }

    @Override
    public String getDisplayName() {
        return "Data snapshot " + label;
    }

    @Override
    public String getUrlName() {
        return "mlops-snapshot-" + snapshotId.substring(0, 12);
    }
}
